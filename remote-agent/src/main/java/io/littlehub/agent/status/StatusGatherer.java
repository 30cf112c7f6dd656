package io.littlehub.agent.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.littlehub.agent.ConfigApply;
import io.littlehub.agent.ops.PipPackages;
import io.littlehub.agent.release.Releases;
import io.littlehub.agent.students.Homes;
import io.littlehub.agent.students.HubApi;
import io.littlehub.agent.students.HubPeople;
import io.littlehub.agent.students.Roster;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.machine.Machine;
import io.littlehub.common.status.HubUnits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;

/**
 * Collects {@link HubStatus} on the VM: runs systemctl, df and nproc, reads JupyterHub's version from its package
 * metadata and /proc, lists the scheduled backups folder and asks the hub's API for its users (as {@code students} does), then
 * hands each output to its parser. A part that cannot be read is left out and named in {@code problems}: a status
 * report is most needed when something is broken, so one broken part must not hide the others.
 */
public final class StatusGatherer {
    /** The filesystems that fill up: students' homes and the hub's releases and environments. */
    static final List<String> DISK_PATHS = List.of("/home", Layout.ROOT);

    static final String NO_HTTPS = "no HTTPS yet";
    static final String JUPYTERHUB = "jupyterhub";

    /** The hub's users, from its REST API. */
    interface HubUsers {
        List<JsonNode> list() throws Exception;
    }

    /**
     * Each person's home size (hub name to bytes, -1: no home), as {@code students} reads them, for the roster and
     * {@code hubUsers}: the hub's answer status already has (empty when the hub did not answer).
     */
    interface HomeSizes {
        Map<String, Long> read(List<JsonNode> hubUsers) throws Exception;
    }

    /** The hub's users from its REST API at the config's {@code base_url}. */
    public interface HubUsersAt {
        List<JsonNode> list(String baseUrl) throws IOException;
    }

    private final Machine machine;
    private final Clock clock;
    private final Releases releases;
    private final HubUsers hubUsers;
    private final Path backups;
    private final Callable<HubStatus.Certificate> certificate;
    private final Callable<HubStatus.SignIn> signIn;
    private final HomeSizes homeSizes;

    StatusGatherer(
            Machine machine,
            Clock clock,
            Releases releases,
            HubUsers hubUsers,
            Path backups,
            Callable<HubStatus.Certificate> certificate,
            Callable<HubStatus.SignIn> signIn,
            HomeSizes homeSizes) {
        this.machine = machine;
        this.clock = clock;
        this.releases = releases;
        this.hubUsers = hubUsers;
        this.backups = backups;
        this.certificate = certificate;
        this.signIn = signIn;
        this.homeSizes = homeSizes;
    }

    public static StatusGatherer onThisMachine() {
        return on(
                new LocalMachine(),
                Clock.systemUTC(),
                Releases.onThisMachine(),
                Path.of(Layout.SCHEDULED_BACKUPS),
                () -> ConfigApply.onThisMachine(null).current(),
                baseUrl -> HubApi.onThisMachine(baseUrl).users());
    }

    /**
     * The gatherer with its parts read from {@code config} (the hub config's text) and the hub's API: the hub is asked
     * for its users once, and both the activity count and a full disk's homes (roster and hub users) use that answer.
     */
    public static StatusGatherer on(
            Machine machine, Clock clock, Releases releases, Path backups, Callable<String> config, HubUsersAt hub) {
        return new StatusGatherer(
                machine,
                clock,
                releases,
                () -> hub.list(Roster.of(config.call()).baseUrl()),
                backups,
                () -> ServedCertificate.of(config.call(), clock.instant()),
                () -> SignInPolicy.of(HubConfig.load(config.call())),
                hubUsers -> new Homes(machine).sizes(new TreeSet<>(HubPeople.names(config.call(), hubUsers))));
    }

    /**
     * The parts that wait on the hub (its API, the served certificate) and on systemd (its three {@code systemctl}
     * calls, one after the other) are asked on their own threads while this one runs the other programs and reads the
     * files: the report takes as long as the slowest of them, not their sum.
     */
    public HubStatus gather() {
        return gatherWithUsers().status();
    }

    /** A report, and the hub's users it was made from (empty: the hub did not answer), for doctor's other checks. */
    public record Gathered(HubStatus status, Optional<List<JsonNode>> hubUsers) {}

    /** As {@link #gather}, with the hub's answer kept: a caller that needs the users asks the hub no second time. */
    public Gathered gatherWithUsers() {
        Map<String, String> problems = new LinkedHashMap<>();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Future<List<JsonNode>> askedUsers = meanwhile(hubUsers::list);
        Future<HubStatus.Certificate> askedCertificate = meanwhile(certificate);
        Future<HubStatus.SignIn> askedSignIn = meanwhile(signIn);
        Future<List<HubStatus.Unit>> askedUnits = meanwhile(() -> units(now));
        HubStatus.Release release = new HubStatus.Release(
                releases.current().orElse(null),
                BuildInfo.version(),
                part("jupyterhub", problems, this::jupyterhubVersion));
        HubStatus.Students students = part("students", problems, () -> StudentActivity.count(answer(askedUsers), now));
        HubStatus.Memory memory = part("memory", problems, () -> ProcFiles.memory(file("/proc/meminfo")));
        HubStatus.Cpu cpu = part("cpu", problems, () -> ProcFiles.cpu(output(List.of("nproc")), file("/proc/loadavg")));
        List<String> df = new ArrayList<>(List.of("df", "-P", "--block-size=1"));
        df.addAll(DISK_PATHS);
        List<HubStatus.Disk> disks = part("disks", problems, () -> DiskFree.disks(output(df), DISK_PATHS));
        String fullDisks = FullHomeDisk.problem(disks);
        if (fullDisks != null) {
            // A full disk needs attention as a stopped hub does: status exits 1 (doctor does too).
            problems.put("disks", fullDisks);
        }
        // du over every home takes a while: only when a full disk makes who fills it worth knowing. The hub's users
        // are those status already asked for (a hub that did not answer: the roster alone).
        List<HubStatus.Home> biggestHomes = FullHomeDisk.any(disks)
                ? part(
                        "biggest_homes",
                        problems,
                        () -> FullHomeDisk.biggest(
                                homeSizes.read(answered(askedUsers).orElse(List.of()))))
                : List.of();
        HubStatus.Backup backup = part("newest_backup", problems, () -> BackupArchives.newest(archiveSizes()));
        List<HubStatus.Unit> units = part("units", problems, () -> answer(askedUnits));
        HubStatus status = new HubStatus(
                now.toString(),
                unit(units, HubUnits.HUB),
                unit(units, HubUnits.PROXY),
                units == null
                        ? null
                        : units.stream()
                                .filter(u -> u.unit().endsWith(".timer"))
                                .toList(),
                release,
                students,
                memory,
                cpu,
                disks,
                backup,
                part("certificate", problems, () -> answer(askedCertificate)),
                problems,
                part("sign_in", problems, () -> answer(askedSignIn)),
                biggestHomes);
        return new Gathered(status, answered(askedUsers));
    }

    /**
     * The installed JupyterHub's version, as {@code jupyterhub --version} prints it, from the hub venv's package
     * metadata read as files ({@link PipPackages#installed}): {@code jupyterhub --version} imports the whole hub first
     * and takes 5 s on a small VM, and even {@code importlib.metadata} in the venv's Python cost status 0.1–0.2 s.
     */
    private String jupyterhubVersion() {
        String version = PipPackages.installed(machine, Layout.HUB_VENV, Set.of(JUPYTERHUB))
                .getOrDefault(JUPYTERHUB, "");
        if (version.isEmpty()) {
            throw new IllegalStateException("no installed JupyterHub found in " + Layout.HUB_VENV);
        }
        return version;
    }

    private static <T> Future<T> meanwhile(Callable<T> read) {
        FutureTask<T> task = new FutureTask<>(read);
        Thread thread = new Thread(task, "status");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** The task's value, or what it threw (so {@link #part} names the part's own reason). */
    private static <T> T answer(Future<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The hub's users, or empty when it did not answer (that is the students part's problem). */
    private static Optional<List<JsonNode>> answered(Future<List<JsonNode>> users) {
        try {
            return Optional.of(answer(users));
        } catch (Exception hubDown) {
            return Optional.empty();
        }
    }

    /** The hub, the proxy and littlehub's timers (installed ones, running or not), in that order. */
    private List<HubStatus.Unit> units(Instant now) {
        CommandResult files = machine.run(
                List.of("systemctl", "list-unit-files", "--no-legend", "--plain", "--type=timer", HubUnits.TIMERS));
        // Exit 1 with nothing printed: no unit file matches the pattern (no littlehub timer installed).
        boolean noneInstalled = files.exitCode() == 1 && files.stdout().isBlank();
        if (!files.ok() && !noneInstalled) {
            throw new IllegalStateException(failure("systemctl list-unit-files", files));
        }
        List<String> timers = SystemdOutput.unitFiles(files.stdout());
        List<String> show = new ArrayList<>(List.of(
                "systemctl", "show", "--timestamp=unix", "-p", SystemdOutput.PROPERTIES, HubUnits.HUB, HubUnits.PROXY));
        show.addAll(timers);
        Map<String, Instant> nextRuns = timers.isEmpty()
                ? Map.of()
                : SystemdOutput.nextRuns(
                        output(List.of("systemctl", "list-timers", "--all", "--output=json", HubUnits.TIMERS)));
        return SystemdOutput.units(output(show), nextRuns, now);
    }

    private static HubStatus.Unit unit(List<HubStatus.Unit> units, String name) {
        return units == null
                ? null
                : units.stream().filter(u -> u.unit().equals(name)).findFirst().orElse(null);
    }

    /** The folder's file names and sizes; empty when there is no folder (scheduled backups never turned on). */
    private Map<String, Long> archiveSizes() throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        if (!Files.isDirectory(backups)) {
            return sizes;
        }
        try (Stream<Path> files = Files.list(backups)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sizes.put(f.getFileName().toString(), Files.size(f));
            }
        }
        return sizes;
    }

    private String output(List<String> argv) {
        CommandResult r = machine.run(argv);
        if (!r.ok()) {
            throw new IllegalStateException(failure(String.join(" ", argv), r));
        }
        return r.stdout();
    }

    private static String failure(String command, CommandResult r) {
        return "`" + command + "` failed (exit " + r.exitCode() + "): "
                + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
    }

    private String file(String path) {
        return new String(
                machine.read(path).orElseThrow(() -> new IllegalStateException(path + " cannot be read")),
                StandardCharsets.UTF_8);
    }

    /** {@code read}'s value, or null with the reason added to {@code problems}. */
    private static <T> T part(String field, Map<String, String> problems, Callable<T> read) {
        try {
            return read.call();
        } catch (Exception e) {
            problems.put(field, e.getMessage() == null ? e.toString() : e.getMessage());
            return null;
        }
    }
}
