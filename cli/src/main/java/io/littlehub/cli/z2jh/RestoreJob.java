package io.littlehub.cli.z2jh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes manifest that puts exported homes into the chart's per-user volume claims (pure): the namespace, one
 * claim per student as KubeSpawner would make it (name, labels, ReadWriteOnce, the size the export's values give them:
 * {@link ChartValues#claimSize}), and a Job
 * whose pod mounts them all, waits for the archives to be copied in ({@code kubectl cp}, then {@code READY}), checks
 * their SHA-256 and unpacks each into its claim with the owners the archive holds (the chart's uid/gid).
 */
public final class RestoreJob {
    public static final String NAME = "littlehub-restore-homes";
    public static final String NAMESPACE = "littlehub";
    public static final String SUMS = "SHA256SUMS";

    /** The chart's default claim size (singleuser.storage.capacity). */
    public static final String CAPACITY = "10Gi";

    /** One home: the hub user, its claim and its size (a Kubernetes quantity), its archive's file name. */
    public record Home(String hubUser, String claim, String capacity, String archive) {}

    private RestoreJob() {}

    /** The documents of the manifest, in apply order. */
    public static List<Map<String, Object>> documents(List<Home> homes, String image) {
        List<Map<String, Object>> docs = new ArrayList<>();
        docs.add(object("v1", "Namespace", NAMESPACE, null));
        List<Object> volumes = new ArrayList<>(List.of(Map.of("name", "incoming", "emptyDir", Map.of())));
        List<Object> mounts = new ArrayList<>(List.of(Map.of("name", "incoming", "mountPath", "/incoming")));
        StringBuilder unpack = new StringBuilder();
        for (Home h : homes) {
            Map<String, Object> claim = object("v1", "PersistentVolumeClaim", h.claim(), NAMESPACE);
            Map<String, Object> meta = meta(claim);
            meta.put(
                    "labels",
                    Map.of(
                            "app.kubernetes.io/component",
                            "singleuser-storage",
                            "app.kubernetes.io/managed-by",
                            "littlehub"));
            meta.put("annotations", Map.of("hub.jupyter.org/username", h.hubUser()));
            claim.put(
                    "spec",
                    Map.of(
                            "accessModes",
                            List.of("ReadWriteOnce"),
                            "resources",
                            Map.of("requests", Map.of("storage", h.capacity()))));
            docs.add(claim);
            volumes.add(Map.of("name", h.claim(), "persistentVolumeClaim", Map.of("claimName", h.claim())));
            mounts.add(Map.of("name", h.claim(), "mountPath", "/homes/" + h.claim()));
            // home/jupyter-NAME/... into the claim's root (the home folder itself is the volume's root).
            unpack.append("tar -x --numeric-owner --same-permissions --strip-components=2 -f ")
                    .append(h.archive())
                    .append(" -C /homes/")
                    .append(h.claim())
                    .append(" && chown ")
                    .append(ChartValues.CHART_UID)
                    .append(':')
                    .append(ChartValues.CHART_GID)
                    .append(" /homes/")
                    .append(h.claim())
                    .append(" && echo restored ")
                    .append(h.claim())
                    .append('\n');
        }
        String script = "set -eu\n"
                + "echo 'waiting for the archives in /incoming (kubectl cp, then touch /incoming/READY)'\n"
                + "while [ ! -e /incoming/READY ]; do sleep 5; done\n"
                + "cd /incoming\n"
                + "sha256sum -c " + SUMS + "\n"
                + unpack;
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "restore");
        container.put("image", image);
        container.put("command", List.of("/bin/bash", "-c", script));
        container.put("securityContext", Map.of("runAsUser", 0, "runAsGroup", 0));
        container.put("volumeMounts", mounts);
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("restartPolicy", "Never");
        pod.put("containers", List.of(container));
        pod.put("volumes", volumes);
        Map<String, Object> job = object("batch/v1", "Job", NAME, NAMESPACE);
        job.put("spec", Map.of("backoffLimit", 0, "template", Map.of("spec", pod)));
        docs.add(job);
        return docs;
    }

    private static Map<String, Object> object(String apiVersion, String kind, String name, String namespace) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", apiVersion);
        o.put("kind", kind);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        o.put("metadata", meta);
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(Map<String, Object> object) {
        return (Map<String, Object>) object.get("metadata");
    }
}
