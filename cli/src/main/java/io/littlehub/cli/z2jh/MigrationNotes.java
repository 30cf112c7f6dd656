package io.littlehub.cli.z2jh;

import io.littlehub.cli.z2jh.ChartValues.Translation;
import io.littlehub.cli.z2jh.ChartValues.Unmapped;
import java.util.ArrayList;
import java.util.List;

/** MIGRATION.md and the command's summary of an export (pure: the translation in, text out). */
public final class MigrationNotes {
    /** The chart the export was checked against: its JupyterHub (appVersion) and commit (../shared/z2jh). */
    public static final String CHART_APP_VERSION = "5.5.0";

    public static final String CHART_COMMIT = "48ea50e34daddde55d76e30df6ecd47e4abd4d8e";

    private MigrationNotes() {}

    /**
     * @param tlsSecret the TLS secret to create from the school's certificate, or null (no school's certificate)
     * @param tlsFiles the certificate and key on the VM (when tlsSecret)
     */
    public static String markdown(
            String hubName,
            Translation t,
            ImageRecipe image,
            String imageRef,
            String tlsSecret,
            List<String> tlsFiles) {
        StringBuilder md = new StringBuilder();
        md.append("# Moving the hub ").append(hubName).append(" to Zero to JupyterHub\n\n");
        md.append("Written by `littlehub export z2jh`. `values.yaml` holds the hub's config in the chart's terms;")
                .append(" `secret-values.yaml` (private: mode 0600) its secrets; `image/` the users' environment as an")
                .append(" image recipe. Checked against the chart with JupyterHub ")
                .append(CHART_APP_VERSION)
                .append(" (commit ")
                .append(CHART_COMMIT, 0, 12)
                .append("): its values schema and its own hub config loader.\n\n");
        md.append("## Commands to run\n\n```sh\n");
        md.append("# 1. The users' environment as an image, where the cluster can pull it\n");
        md.append("cd image && docker build -t ")
                .append(imageRef)
                .append(" . && docker push ")
                .append(imageRef)
                .append(" && cd ..\n");
        md.append("#    (pushing elsewhere? change singleuser.image in values.yaml to that name)\n");
        if (tlsSecret != null) {
            md.append("# 2. The school's certificate as a TLS secret (copy both files off the VM first)\n");
            md.append("kubectl create namespace littlehub\n");
            md.append("kubectl -n littlehub create secret tls ")
                    .append(tlsSecret)
                    .append(" --cert=")
                    .append(fileName(tlsFiles.get(0)))
                    .append(" --key=")
                    .append(fileName(tlsFiles.get(1)))
                    .append("   # from ")
                    .append(String.join(" and ", tlsFiles))
                    .append(" on the VM\n");
        }
        md.append(
                "# 3. The students' homes into their volumes: see homes/README (littlehub export homes --to homes)\n");
        md.append("# 4. The hub\n");
        md.append("helm repo add jupyterhub https://hub.jupyter.org/helm-chart/ && helm repo update\n");
        md.append(
                        "helm upgrade --install littlehub jupyterhub/jupyterhub --namespace littlehub --create-namespace \\\n")
                .append("  --version CHART_VERSION --values values.yaml --values secret-values.yaml\n");
        md.append("#    CHART_VERSION: a chart release with JupyterHub ")
                .append(CHART_APP_VERSION)
                .append(" (its appVersion); `helm search repo jupyterhub/jupyterhub --versions` lists them\n");
        md.append("kubectl -n littlehub get service proxy-public   # point the hub's domain at its address\n```\n\n");

        md.append("## What maps one to one\n\n| littlehub key | chart values |\n|---|---|\n");
        t.mapped()
                .forEach(m -> md.append("| `")
                        .append(m.key())
                        .append("` | ")
                        .append(m.chartKeys())
                        .append(" |\n"));
        md.append("\n## What changes\n\n");
        t.changes().forEach(c -> md.append("- ").append(c).append('\n'));
        md.append(
                        "- The image: every package of the users' environment at its recorded version (image/requirements.txt)"
                                + " on the Jupyter project's ")
                .append(ImageRecipe.BASE)
                .append(" image of the same Python; after the first pull, pin its digest in the Dockerfile's FROM.\n");
        for (String line : image.leftOut()) {
            md.append("- Not in the image (not installable from PyPI as recorded): `")
                    .append(line)
                    .append("`: install it in the Dockerfile yourself.\n");
        }
        md.append("- Files in /etc/littlehub/jupyterhub_config.d/ on the VM are not carried: put their code in")
                .append(" hub.extraConfig.\n");
        md.append("\n## Keys with no equivalent on the chart\n\n");
        if (t.unmapped().isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| littlehub key | value | where from | why |\n|---|---|---|---|\n");
            for (Unmapped u : t.unmapped()) {
                md.append("| `")
                        .append(u.key())
                        .append("` | `")
                        .append(String.valueOf(u.value()).replace("|", "\\|"))
                        .append("` | ")
                        .append(origin(u))
                        .append(" | ")
                        .append(u.why())
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    /** The lines the command prints about keys with no equivalent (all of them: none is dropped silently). */
    public static List<String> unmappedLines(Translation t) {
        List<String> out = new ArrayList<>();
        if (t.unmapped().isEmpty()) {
            return out;
        }
        out.add("No equivalent on the chart (also in MIGRATION.md):");
        for (Unmapped u : t.unmapped()) {
            out.add("  " + u.key() + " = " + u.value() + " (" + origin(u) + "): " + u.why());
        }
        return out;
    }

    private static String origin(Unmapped u) {
        return u.written() ? "set in the config" : "littlehub's default";
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
