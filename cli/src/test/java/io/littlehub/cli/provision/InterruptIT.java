package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.release.SemVer;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a laptop's connection dropped in the middle of {@code provision}, {@code config set}, {@code restore} and
 * {@code upgrade}, at random moments ({@code -Dlittlehub.interrupt.points=N}, default 4 (CI; the issue asks for 10 or more: pass 10), at least one per command;
 * {@code -Dlittlehub.interrupt.seed=S} replays a run: the seed is printed first). The connection goes through
 * {@link CutConnection}, which resets it; every other point also kills the agent on the VM (as if the VM had lost
 * it), so the next run finds the holder's line in the free lock. After each cut, while the VM finishes what it was
 * doing, the config file is sampled: it is always the old one or the new one, never a mix; then the next run of the
 * same command succeeds, the hub answers, and nobody holds the hub's change lock. Upgrades come last (a hub on a
 * newer release refuses this laptop's provision); each goes one minor further (this build's agent, renumbered).
 */
class InterruptIT {
    private static final int POINTS = Integer.getInteger("littlehub.interrupt.points", 4);
    private static final long SEED = Long.getLong("littlehub.interrupt.seed", System.nanoTime());
    private static final String CONFIG = "/etc/littlehub/config.yaml";
    /** An agent that changes the hub (heal, run by the health timer every minute, only reads and restarts). */
    private static final String CHANGING_AGENT = "littlehub-agent.jar (run|config|upgrade|restore)";

    /** The commands, in the order their points run; each cut within its typical duration on this host. */
    private enum Command {
        PROVISION(45_000),
        CONFIG_SET(30_000),
        RESTORE(90_000),
        UPGRADE(150_000);

        final int withinMillis;

        Command(int withinMillis) {
            this.withinMillis = withinMillis;
        }
    }

    private record Point(int index, Command command, int cutAfterMillis, boolean killAgent) {}

    static TeacherLaptop laptop;
    static CutConnection relay;
    static Path archive;
    static Path passphrase;
    static int minor = SemVer.parse(BuildInfo.version()).minor();
    static final ExecutorService LAPTOP = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void aHubBehindACuttableConnection() throws Exception {
        System.out.printf(
                "InterruptIT: seed %d, %d points (replay: -Dlittlehub.interrupt.seed=%d -Dlittlehub.interrupt.points=%d)%n",
                SEED, POINTS, SEED, POINTS);
        laptop = TeacherLaptop.boot("intr-" + ProcessHandle.current().pid());
        relay = new CutConnection(laptop.vm.sshPort());
        new HubRegistry(laptop.home.resolve("registry"))
                .remember(new Hub(
                        "cut-hub",
                        "127.0.0.1",
                        relay.port(),
                        laptop.vm.user(),
                        laptop.vm.identity().toString(),
                        laptop.base + "/"));
        passphrase = laptop.passwordFile("interrupt-passphrase-2026");
        Path backups = Files.createDirectories(laptop.home.resolve("backups"));
        laptop.ok(
                "backup",
                "--hub",
                "test-hub",
                "--to-dir",
                backups.toString(),
                "--full",
                "--passphrase-file",
                passphrase.toString());
        try (Stream<Path> files = Files.list(backups)) {
            archive =
                    files.filter(f -> f.toString().endsWith(".tar")).findFirst().orElseThrow();
        }
    }

    @AfterAll
    static void close() throws Exception {
        LAPTOP.shutdownNow();
        if (relay != null) {
            relay.close();
        }
        if (laptop != null) {
            laptop.close();
        }
    }

    @Test
    void everyCommandCutAtRandomMomentsIsFinishedByItsNextRun() throws Exception {
        Random random = new Random(SEED);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            Command c = Command.values()[i % Command.values().length];
            points.add(new Point(i, c, 500 + random.nextInt(c.withinMillis), i % 2 == 1));
        }
        points.sort(Comparator.comparing(Point::command));
        for (Point p : points) {
            cutAndRunAgain(p);
        }
    }

    private void cutAndRunAgain(Point p) throws Exception {
        String upgradeTo = p.command == Command.UPGRADE
                ? new SemVer(SemVer.parse(BuildInfo.version()).major(), ++minor, 0).toString()
                : null;
        byte[] upgradeJar = upgradeTo == null ? null : ReleaseJars.release(upgradeTo, Map.of());
        Supplier<Run> command = () -> run(p, upgradeJar);
        String before = configHash();
        Future<Run> cut = LAPTOP.submit(command::get);
        Thread.sleep(p.cutAfterMillis);
        boolean running = !cut.isDone();
        int dropped = relay.cut();
        String agents = laptop.vm.exec("pgrep", "-f", CHANGING_AGENT).stdout().strip();
        if (p.killAgent) {
            laptop.vm.exec("sudo", "pkill", "-KILL", "-f", CHANGING_AGENT);
        }
        Run interrupted = cut.get(5, TimeUnit.MINUTES);
        System.out.printf(
                "point %d: %s cut after %d ms (%s, %d connection(s) dropped, agent on the VM: %s%s); laptop exit %d%n",
                p.index,
                p.command,
                p.cutAfterMillis,
                running ? "mid-run" : "it had finished",
                dropped,
                agents.isEmpty() ? "none" : "pid " + agents.replace('\n', ' '),
                p.killAgent ? ", killed" : "",
                interrupted.exit());
        Set<String> seen = new LinkedHashSet<>(List.of(before));
        long t = System.nanoTime();
        while (!laptop.vm.exec("pgrep", "-f", CHANGING_AGENT).stdout().isBlank()) {
            seen.add(configHash());
            assertTrue(System.nanoTime() - t < Duration.ofMinutes(15).toNanos(), "the VM's agent still runs");
            Thread.sleep(1000);
        }
        seen.add(configHash());
        System.out.printf(
                "point %d: the VM's own run ended %d s after the cut%n",
                p.index, (System.nanoTime() - t) / 1_000_000_000);
        Run again = run(p, upgradeJar);
        assertEquals(ExitCodes.OK, again.exit(), "point " + p.index + ", seed " + SEED + ": the next run\n" + again);
        again.err()
                .lines()
                .filter(l -> l.contains("interrupted") || l.startsWith("  "))
                .forEach(l -> System.out.println("point " + p.index + " next run: " + l));
        String after = configHash();
        seen.remove(after);
        seen.remove(before);
        assertEquals(Set.of(), seen, "point " + p.index + ", seed " + SEED + ": a config neither old nor new");
        new HubClient(laptop.base).awaitHub(Duration.ofSeconds(120));
        assertEquals(
                "",
                HubChanges.lockHolders(laptop),
                "point " + p.index + ", seed " + SEED + ": the hub's change lock is held");
        assertEquals(
                "",
                laptop.vm.check("sudo", "cat", HubChanges.LOCK).strip(),
                "point " + p.index + ": a holder's line is left");
        if (upgradeTo != null) {
            assertTrue(
                    laptop.vm
                            .check("readlink", "/opt/littlehub/current")
                            .strip()
                            .endsWith("/" + upgradeTo),
                    "point " + p.index + ": the hub runs " + upgradeTo);
        }
    }

    private Run run(Point p, byte[] upgradeJar) {
        return switch (p.command) {
            case PROVISION -> laptop.littlehub(throughTheRelay("provision"));
            case CONFIG_SET ->
                laptop.littlehub(
                        "config",
                        "set",
                        "limits.memory",
                        (500 + 10 * p.index) + "M",
                        "--hub",
                        "cut-hub",
                        "--wait",
                        "900");
            case RESTORE ->
                laptop.littlehub(
                        throughTheRelay("restore", archive.toString(), "--passphrase-file", passphrase.toString()));
            case UPGRADE -> HubChanges.upgrade(laptop, "teacher", "cut-hub", upgradeJar, null);
        };
    }

    /** {@code COMMAND [ARGS] USER@127.0.0.1 -p RELAY -i KEY --yes --hub cut-hub [OPTIONS]}. */
    private static String[] throughTheRelay(String command, String... argsAndOptions) {
        List<String> argv = new ArrayList<>(List.of(command));
        List<String> rest = List.of(argsAndOptions);
        int options = (int) rest.stream().takeWhile(a -> !a.startsWith("--")).count();
        argv.addAll(rest.subList(0, options));
        argv.addAll(List.of(
                laptop.vm.user() + "@127.0.0.1",
                "-p",
                Integer.toString(relay.port()),
                "-i",
                laptop.vm.identity().toString(),
                "--yes",
                "--hub",
                "cut-hub"));
        argv.addAll(rest.subList(options, rest.size()));
        return argv.toArray(String[]::new);
    }

    private static String configHash() {
        return laptop.vm.check("sudo", "sha256sum", CONFIG).strip();
    }
}
