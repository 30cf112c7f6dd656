package io.littlehub.cli.backup;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.remote.BackupCommands;
import io.littlehub.cli.remote.ConfigCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.Result;
import io.littlehub.cli.z2jh.ChartValues;
import io.littlehub.cli.z2jh.ImageRecipe;
import io.littlehub.cli.z2jh.OutputFolder;
import io.littlehub.cli.z2jh.RestoreJob;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.students.UnixNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code littlehub export homes --to DIR}: the hub's homes as one verified archive per hub user (the roster and the
 * admins) for the Zero to JupyterHub chart's per-user claims. The agent streams a backup without secrets (its
 * {@code backup --to-stdout}); as {@link ArchiveVerifier} proves the stream, {@link HomeSplitter} writes each home
 * into its own archive with the chart's owner; each is then read back through the verifier before it gets its name
 * ({@code CLAIM.tar}). Beside them: {@code SHA256SUMS}, the restore Job ({@link RestoreJob}) and how to run it.
 */
public final class HomesExport {
    public record Request(String hubName, Path to, boolean force) {}

    public static final String JOB_FILE = "restore-homes-job.yaml";

    private final ConfigContext ctx;

    public HomesExport(ConfigContext ctx) {
        this.ctx = ctx;
    }

    public int run(Request req) throws IOException, InterruptedException {
        Hub hub = HubConnections.find(ctx.registry(), req.hubName());
        OutputFolder.check(req.to(), req.force(), "--to");
        Files.createDirectories(req.to());
        HomeSplitter splitter;
        Map<String, Object> effective;
        try (RemoteHost host = HubConnections.connect(ctx, hub)) {
            Result config = host.runAsRoot(ConfigCommands.readWithSecrets("show"));
            if (!config.ok()) {
                throw new IllegalStateException(
                        "could not read the hub's config: " + config.stderr().strip());
            }
            splitter = new HomeSplitter(req.to(), unixUsers(config.stdout()));
            effective = HubConfig.load(config.stdout());
            String problem = stream(host, hub, splitter);
            if (problem != null) {
                splitter.discard();
                ctx.err().println("littlehub: " + problem + "; no home was exported");
                return ExitCodes.FAILED;
            }
        }
        List<HomeSplitter.Part> parts = splitter.finish(hub.name(), hub.host());
        List<RestoreJob.Home> homes = new ArrayList<>();
        StringBuilder sums = new StringBuilder();
        for (HomeSplitter.Part p : parts) {
            ArchiveVerifier.Verified v;
            try (InputStream in = Files.newInputStream(p.file())) {
                v = ArchiveVerifier.verify(in, null);
            } catch (IOException | RuntimeException e) {
                splitter.discard();
                ctx.err()
                        .println("littlehub: " + p.file() + " failed verification: " + e.getMessage()
                                + "; no home was exported");
                return ExitCodes.FAILED;
            }
            String archive = p.claim() + ".tar";
            Files.move(
                    p.file(),
                    req.to().resolve(archive),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            sums.append(sha256(req.to().resolve(archive)))
                    .append("  ")
                    .append(archive)
                    .append('\n');
            homes.add(new RestoreJob.Home(
                    p.hubUser(), p.claim(), ChartValues.claimSize(effective, p.hubUser()), archive));
            long files = v.manifest().entries().stream()
                    .filter(e -> "file".equals(e.type()))
                    .count();
            ctx.out()
                    .println("  " + archive + ": the home of " + p.hubUser() + " (" + files + " files, "
                            + Progress.size(v.bytes()) + "; verified, owned by 1000:100)");
        }
        Files.writeString(req.to().resolve(RestoreJob.SUMS), sums.toString());
        Files.writeString(req.to().resolve(JOB_FILE), job(homes));
        Files.writeString(req.to().resolve("README.md"), readme());
        for (String unixUser : splitter.leftOut()) {
            ctx.out()
                    .println("  left out /home/" + unixUser + ": no user on the roster or among the admins has it"
                            + " (a removed student's?); add them to the roster and export again to carry it");
        }
        ctx.out()
                .println("Exported " + homes.size() + " homes of the hub " + hub.name() + " into " + req.to()
                        + " with the restore Job " + JOB_FILE + ": see README.md there");
        return ExitCodes.OK;
    }

    /** Unix user → hub user for everyone on the roster and every admin. */
    @SuppressWarnings("unchecked")
    static Map<String, String> unixUsers(String configText) {
        Map<String, Object> users =
                (Map<String, Object>) HubConfig.load(configText).get("users");
        Set<String> names = new LinkedHashSet<>();
        for (String list : List.of("allowed", "admin")) {
            ((List<?>) users.get(list)).forEach(n -> names.add(n.toString()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(UnixNames.unixName(n), n));
        return out;
    }

    /** The agent's backup stream through the verifier and the splitter; the problem, or null. */
    private String stream(RemoteHost host, Hub hub, HomeSplitter splitter) throws IOException, InterruptedException {
        AtomicReference<Object> verdict = new AtomicReference<>();
        PipedInputStream pipeIn = new PipedInputStream(1 << 20);
        int exit;
        try (PipedOutputStream pipeOut = new PipedOutputStream(pipeIn)) {
            Thread verifier = PipeReader.start(
                    "littlehub-homes-verify", pipeIn, in -> ArchiveVerifier.verify(in, splitter), verdict);
            try {
                exit = host.runAsRootBinary(
                        BackupCommands.toStdout(hub.name(), false, false),
                        InputStream.nullInputStream(),
                        pipeOut,
                        line -> ctx.err().println("agent: " + line));
            } finally {
                pipeOut.close();
                verifier.join();
            }
        }
        if (exit != ExitCodes.OK) {
            return "the agent on " + hub.host() + " stopped with exit code " + exit;
        }
        return verdict.get() instanceof ArchiveVerifier.Verified
                ? null
                : "the stream failed verification: " + verdict.get();
    }

    private static String job(List<RestoreJob.Home> homes) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setDefaultScalarStyle(DumperOptions.ScalarStyle.PLAIN);
        o.setSplitLines(false);
        return "# Restores the exported homes into the chart's claims: see README.md.\n"
                + new Yaml(o)
                        .dumpAll(RestoreJob.documents(homes, ImageRecipe.BASE + ":ubuntu-24.04")
                                .iterator());
    }

    private static String readme() {
        String ns = "-n " + RestoreJob.NAMESPACE;
        return String.join(
                "\n",
                "# The hub's homes, for Zero to JupyterHub",
                "",
                "One archive per user (CLAIM.tar: a littlehub backup archive of that home, every file owned by the chart's"
                        + " user jovyan, 1000:100), " + RestoreJob.SUMS + ", and " + JOB_FILE
                        + ": the claims the chart's"
                        + " KubeSpawner will use (claim-NAME) and a Job that unpacks each archive into its claim.",
                "Run it before the students' servers start (before `helm upgrade --install`, or with the hub stopped):",
                "",
                "```sh",
                "kubectl apply -f " + JOB_FILE,
                "POD=$(kubectl " + ns + " get pod -l job-name=" + RestoreJob.NAME
                        + " -o jsonpath='{.items[0].metadata.name}')",
                "kubectl " + ns + " wait --for=condition=Ready pod/$POD --timeout=10m",
                "kubectl " + ns + " cp . $POD:/incoming/",
                "kubectl " + ns + " exec $POD -- touch /incoming/READY",
                "kubectl " + ns + " logs -f $POD   # sha256sum OK for each archive, then 'restored claim-…'",
                "```",
                "");
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
