package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.release.SemVer;
import io.littlehub.cli.hubconfig.RestartChoice;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a laptop's connection dropped in the middle of {@code restore}, {@code provision}, {@code config set} and
 * {@code upgrade} ({@code -Dlittlehub.interrupt.points=N}, default 10, dealt round robin over the four;
 * {@code -Dlittlehub.interrupt.seed=S} replays a run: seed and points are printed first). Every cut lands mid-run by
 * construction: each command first runs once uncut (with the same work to do: a provision finds the hub's config
 * edited by hand, a config set a new value, an upgrade the next release), which tells when each of its steps (a task
 * the VM's agent begins or a progress line of one, with {@code --json}; a line of restore's agents) came; a point's seeded fraction picks one of the steps that came at least 2 s before that
 * run's end, and {@link StepCut} resets the connection (through {@link CutConnection}) on the laptop's reading thread
 * the moment that step appears. The cut command must then fail: one that succeeds, or ends before its step, fails the
 * test. Every other point of a command also kills the agent on the VM right after the cut (as if the VM had lost it);
 * when it held the hub's change lock, the next run must say it found an interrupted change. After each cut, while the
 * VM finishes what it was doing, the config file is sampled: it is always the old one or the new one, never a mix;
 * then the next run of the same command succeeds, the hub answers, and nobody holds the change lock. Upgrades come
 * last (a hub on a newer release refuses this laptop's provision); each goes one minor further.
 */
class InterruptIT {
    private static final int POINTS = Integer.getInteger("littlehub.interrupt.points", 10);
    private static final long SEED = Long.getLong("littlehub.interrupt.seed", System.nanoTime());
    private static final Duration BEFORE_THE_END = Duration.ofSeconds(2);
    private static final String CONFIG = "/etc/littlehub/config.yaml";
    /** An agent that changes the hub (heal, run by the health timer every minute, only reads and restarts). */
    private static final String CHANGING_AGENT = "littlehub-agent.jar (run|config|upgrade|restore)";

    /** A step of a {@code --json} command: a task the VM's agent begins, or a line of a long task's progress. */
    private static final Predicate<String> AGENT_STEP = line ->
            Stream.of("task", "handler", "progress").anyMatch(event -> line.startsWith("{\"event\":\"" + event + "\""));

    /** The commands, in the order points are dealt; {@link #RUN_ORDER} is the order they run in. */
    private enum Command {
        PROVISION,
        CONFIG_SET,
        RESTORE,
        UPGRADE;

        /** A new watcher of this command's steps: what its output shows the VM's agents doing. */
        Predicate<String> steps() {
            return this == RESTORE ? restoreSteps() : AGENT_STEP;
        }
    }

    /** Restore first, on the hub its archive was made of, so every restore finds the same hub. */
    private static final List<Command> RUN_ORDER =
            List.of(Command.RESTORE, Command.PROVISION, Command.CONFIG_SET, Command.UPGRADE);

    /** {@code where}: which of the command's early steps, as a fraction of them. */
    private record Point(int index, Command command, double where, boolean killAgent) {}

    /** An uncut run's steps that came well before its end. */
    private record Calibration(List<Integer> early, int steps, long millis) {}

    static TeacherLaptop laptop;
    static CutConnection relay;
    static Path archive;
    static Path passphrase;
    static int minor = SemVer.parse(BuildInfo.version()).minor();
    /** New runs so far (a config set's value is made of it). */
    static int runs;

    static String upgradeTo;
    static byte[] upgradeJar;
    static final ExecutorService LAPTOP = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void aHubBehindACuttableConnection() throws Exception {
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
    void everyCommandCutMidRunIsFinishedByItsNextRun() throws Exception {
        Random random = new Random(SEED);
        Map<Command, Integer> dealt = new EnumMap<>(Command.class);
        Map<Command, Integer> firstKills = new EnumMap<>(Command.class);
        for (Command c : Command.values()) {
            firstKills.put(c, random.nextInt(2));
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            Command c = Command.values()[i % Command.values().length];
            int nth = dealt.merge(c, 1, Integer::sum);
            // Each command's points alternate between a cut alone and a cut plus a killed agent.
            points.add(new Point(i, c, random.nextDouble(), (nth + firstKills.get(c)) % 2 == 0));
        }
        System.out.printf(
                "InterruptIT: seed %d, %d points (replay: -Dlittlehub.interrupt.seed=%d -Dlittlehub.interrupt.points=%d)%n",
                SEED, POINTS, SEED, POINTS);
        points.forEach(p -> System.out.printf(
                "InterruptIT: point %d: %s at %.3f of its early steps%s%n",
                p.index, p.command, p.where, p.killAgent ? ", agent killed" : ""));
        int agentRunning = 0;
        for (Command c : RUN_ORDER) {
            List<Point> mine = points.stream().filter(p -> p.command == c).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Calibration calibration = calibrate(c);
            for (Point p : mine) {
                agentRunning += cutAndRunAgain(p, calibration) ? 1 : 0;
            }
        }
        System.out.printf(
                "InterruptIT: %d points, every one cut mid-run (the command failed); the VM's agent was still running"
                        + " at %d of the cuts%n",
                POINTS, agentRunning);
    }

    /** An uncut run of {@code c}, with the same work a cut run has: when its steps come. */
    private Calibration calibrate(Command c) throws Exception {
        newWork(c);
        StepCut watch = new StepCut(relay, c.steps(), 0);
        Run run = run(c, watch);
        long end = watch.elapsedNanos();
        assertEquals(ExitCodes.OK, run.exit(), c + " uncut\n" + run);
        Calibration calibration = new Calibration(
                watch.wellBeforeTheEnd(end, BEFORE_THE_END), watch.steps(), TimeUnit.NANOSECONDS.toMillis(end));
        System.out.printf(
                "InterruptIT: %s uncut: %d steps in %d ms, %d of them at least %d s before its end%n",
                c, calibration.steps, calibration.millis, calibration.early.size(), BEFORE_THE_END.toSeconds());
        assertFalse(calibration.early.isEmpty(), c + " showed no step well before its end:\n" + run);
        return calibration;
    }

    /** Cuts {@code p}'s command at its step, runs it again; true when the VM's agent was still running at the cut. */
    private boolean cutAndRunAgain(Point p, Calibration calibration) throws Exception {
        int step = calibration.early.get((int) (p.where * calibration.early.size()));
        String what = "point " + p.index + " (" + p.command + " cut at step " + step + ", seed " + SEED + ")";
        newWork(p.command);
        String before = configHash();
        StepCut watch = new StepCut(relay, p.command.steps(), step);
        Future<Run> cut = LAPTOP.submit(() -> run(p.command, watch));
        boolean cutCame =
                watch.awaitCut(cut, Duration.ofMillis(3 * calibration.millis).plusMinutes(2));
        // Right after the cut, on the harness's own connection: is the VM's agent still at work, does it hold the lock?
        String agents = laptop.vm.exec("pgrep", "-f", CHANGING_AGENT).stdout().strip();
        String leftLine = "";
        if (p.killAgent) {
            laptop.vm.exec("sudo", "pkill", "-KILL", "-f", CHANGING_AGENT);
            leftLine = holderLine();
        }
        Run interrupted = cut.get(5, TimeUnit.MINUTES);
        System.out.printf(
                "point %d: %s cut at step %d of %d (%s), %d connection(s) dropped; agent on the VM: %s%s; laptop exit"
                        + " %d%n",
                p.index,
                p.command,
                step,
                calibration.steps,
                cutCame ? shorter(watch.step(step)) : "never came",
                watch.dropped(),
                agents.isEmpty() ? "none" : "pid " + agents.replace('\n', ' '),
                p.killAgent ? (leftLine.isEmpty() ? ", killed" : ", killed holding the lock") : "",
                interrupted.exit());
        assertTrue(cutCame, what + ": the command ended after " + watch.steps() + " steps\n" + interrupted);
        assertTrue(watch.dropped() > 0, what + ": no connection was open to cut");
        assertNotEquals(
                ExitCodes.OK, interrupted.exit(), what + ": the cut came after the command's end\n" + interrupted);

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

        Run again = run(p.command, line -> {});
        assertEquals(ExitCodes.OK, again.exit(), what + ": the next run\n" + again);
        again.err()
                .lines()
                .filter(l -> l.contains("interrupted") || l.startsWith("  "))
                .forEach(l -> System.out.println("point " + p.index + " next run: " + l));
        if (!leftLine.isEmpty()) {
            assertTrue(
                    again.err().contains("was interrupted before it finished"),
                    what + ": the killed agent left \"" + leftLine + "\", the next run did not say so\n" + again);
        }
        String after = configHash();
        seen.remove(after);
        seen.remove(before);
        assertEquals(Set.of(), seen, what + ": a config neither old nor new");
        new HubClient(laptop.base).awaitHub(Duration.ofSeconds(120));
        assertEquals("", HubChanges.lockHolders(laptop), what + ": the hub's change lock is held");
        assertEquals("", holderLine(), what + ": a holder's line is left");
        if (p.command == Command.CONFIG_SET) {
            assertTrue(
                    laptop.vm.check("sudo", "cat", CONFIG).contains("memory: " + memory()),
                    what + ": the config has limits.memory " + memory());
        }
        if (p.command == Command.UPGRADE) {
            assertTrue(
                    laptop.vm.check("readlink", Layout.CURRENT).strip().endsWith("/" + upgradeTo),
                    what + ": the hub runs " + upgradeTo);
        }
        return !agents.isEmpty();
    }

    /**
     * Gives a new run of {@code c} (not the next run of a cut one) its own work: a provision finds the hub's config
     * edited by hand (a converge that rewrites it and restarts the hub), a config set a new value, an upgrade the next
     * minor release; a restore always has its work.
     */
    private static void newWork(Command c) {
        runs++;
        switch (c) {
            case PROVISION ->
                laptop.vm.check("sudo", "sh", "-c", "echo '# edited by hand' >> \"$1\"", "sh", Layout.HUB_CONFIG_FILE);
            case UPGRADE -> {
                upgradeTo = new SemVer(SemVer.parse(BuildInfo.version()).major(), ++minor, 0).toString();
                upgradeJar = ReleaseJars.release(upgradeTo, Map.of());
            }
            default -> {}
        }
    }

    /** Runs {@code c} as the teacher types it, its stdout watched by {@code watch}. */
    private static Run run(Command c, Consumer<String> watch) {
        return switch (c) {
            case PROVISION -> laptop.run(Map.of("USER", "teacher"), watch, throughTheRelay("provision", "--json"));
            case CONFIG_SET ->
                laptop.run(
                        Map.of("USER", "teacher"),
                        watch,
                        "config",
                        "set",
                        "limits.memory",
                        memory(),
                        "--hub",
                        "cut-hub",
                        "--json",
                        "--wait",
                        "900");
            case RESTORE ->
                laptop.run(
                        Map.of("USER", "teacher"),
                        watch,
                        throughTheRelay("restore", archive.toString(), "--passphrase-file", passphrase.toString()));
            case UPGRADE ->
                HubChanges.upgrade(laptop, "teacher", "cut-hub", upgradeJar, null, true, watch, RestartChoice.NONE);
        };
    }

    /** The value this run's config set sets (a new one for each new run). */
    private static String memory() {
        return (500 + 10 * runs) + "M";
    }

    /**
     * Restore's steps: the lines its agents print (the task results of the provision before and the converge after,
     * the restore's own lines), not the laptop's, whose steps only read and are retried after a cut.
     */
    private static Predicate<String> restoreSteps() {
        boolean[] agentSpeaks = {false};
        return line -> {
            if (line.startsWith("PLAYBOOK ") || line.startsWith("Restoring the archive")) {
                agentSpeaks[0] = true;
            } else if (line.startsWith("RECAP ") || line.startsWith("Converging once more")) {
                agentSpeaks[0] = false;
            }
            return agentSpeaks[0] && !line.isEmpty() && Character.isLowerCase(line.charAt(0));
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

    private static String shorter(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    private static String configHash() {
        return laptop.vm.check("sudo", "sha256sum", CONFIG).strip();
    }

    /** The line a holder of the hub's change lock writes into it; empty when it was released. */
    private static String holderLine() {
        return laptop.vm.check("sudo", "cat", HubChanges.LOCK).strip();
    }
}
