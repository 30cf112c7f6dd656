package io.littlehub.agent.warm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.agent.ChangeOptions;
import io.littlehub.agent.ConfigApply;
import io.littlehub.agent.config.ConfigLock;
import io.littlehub.agent.status.ProcFiles;
import io.littlehub.agent.students.HubApi;
import io.littlehub.agent.students.Roster;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.machine.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code class-warm}: starts the roster's servers before class through the hub's REST API — in batches
 * ({@link StaggerPlan}), as many as the memory allows ({@link MemoryBudget}) — then keeps them from the idle culler
 * until the class has started plus its grace, by telling the hub they are active (the culler stops a server idle
 * longer than its timeout, counted from the last activity). Afterwards the culler stops them as usual.
 * {@code --scheduled} (the warm timer) warms the class {@link ClassSchedule} says is due and keeps them itself;
 * {@code --now} (the teacher) warms at once and leaves the keeping to a transient unit, {@value #KEEP_UNIT}.
 */
@Command(
        name = "class-warm",
        description = "Start the roster's servers before class and keep them from the culler until the grace ends.")
public final class WarmCommand implements Callable<Integer> {
    static final String KEEP_UNIT = "littlehub-class-keep";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /** How long a warm start waits for another change to the hub (a timer has nobody to retry it). */
    private static final int LOCK_WAIT_SECONDS = 300;

    static final class When {
        @Option(names = "--now", description = "warm now (class starts --minutes-before from now)")
        boolean now;

        @Option(names = "--scheduled", description = "warm the class the config's class.schedule says is due")
        boolean scheduled;

        @Option(names = "--keep-until", hidden = true, description = "only keep NAMES from the culler until then")
        Instant keepUntil;
    }

    @ArgGroup(multiplicity = "1")
    When when;

    @Option(names = "--minutes-before", description = "with --now: class starts this many minutes from now (default 0)")
    int minutesBefore;

    @Option(
            names = "--grace",
            description = "with --now: keep servers this many minutes after class starts (default 20)")
    int graceMinutes = ClassSchedule.DEFAULT_GRACE_MINUTES;

    @Option(
            names = "--rehearsal",
            hidden = true,
            description = "warm littlehub rehearse's temporary students (users.rehearsal) instead of the roster")
    boolean rehearsal;

    @Option(names = "--json", description = "end with one JSON line: warmed, already_running, cold, failed")
    boolean json;

    @Parameters(hidden = true, description = "with --keep-until: the warmed servers")
    List<String> names = List.of();

    private final Machine machine = new LocalMachine();

    @Override
    public Integer call() throws Exception {
        if (minutesBefore < 0 || minutesBefore > 240 || graceMinutes < 0 || graceMinutes > 240) {
            System.err.println("littlehub-agent: --minutes-before and --grace take minutes from 0 to 240, like 10");
            return ExitCodes.USAGE;
        }
        String text = ConfigApply.onThisMachine(null).current();
        Map<String, Object> config = HubConfig.load(text);
        Roster roster = Roster.of(text);
        HubApi hub = HubApi.onThisMachine(roster.baseUrl());
        Duration touchEvery = touchInterval(config);
        Instant now = Instant.now();
        if (when.keepUntil != null) {
            keep(hub, names, when.keepUntil, touchEvery);
            return ExitCodes.OK;
        }
        ClassSchedule.Window window;
        if (when.now) {
            window = ClassSchedule.Window.startingIn(
                    now, ZoneId.systemDefault(), Duration.ofMinutes(minutesBefore), Duration.ofMinutes(graceMinutes));
        } else {
            Optional<ClassSchedule.Window> due =
                    ClassSchedule.of(config, ZoneId.systemDefault()).current(now);
            if (due.isEmpty()) {
                System.out.println("No class is due now: nothing to warm.");
                return ExitCodes.OK;
            }
            window = due.get();
        }
        System.out.println(
                "Class at " + clock(window.start()) + " (" + window.start().getZone()
                        + "): warming servers, kept from the culler until " + clock(window.graceEnd()) + ".");
        // The starts under the hub's change lock (a roster change or an upgrade restarts the hub meanwhile);
        // keeping the servers from the culler afterwards changes nothing and runs without it.
        String who = when.now ? ChangeOptions.caller() : "the class-warm timer";
        Optional<ConfigLock> lock =
                ConfigLock.take(ConfigLock.DEFAULT, "class warm", who, LOCK_WAIT_SECONDS, System.err);
        if (lock.isEmpty()) {
            return ExitCodes.LOCKED;
        }
        Result result;
        try (ConfigLock held = lock.get()) {
            result = warm(hub, config, new ArrayList<>(rehearsal ? roster.rehearsal() : roster.students()), touchEvery);
        }
        List<String> kept = new ArrayList<>(result.already_running());
        kept.addAll(result.warmed());
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(result));
        }
        if (when.now && needsKeeper(kept, window.graceEnd().toInstant(), Instant.now())) {
            handOver(kept, window.graceEnd().toInstant());
        } else if (when.now) {
            System.out.println("Nothing to keep from the culler (the grace is over, or no server runs).");
        } else {
            keep(hub, kept, window.graceEnd().toInstant(), touchEvery);
        }
        return result.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** What a warm start did: started, found running, left cold (memory), could not start. */
    public record Result(List<String> warmed, List<String> already_running, List<String> cold, List<String> failed) {}

    /** Starts the servers the budget allows, batch by batch. */
    private Result warm(HubApi hub, Map<String, Object> config, List<String> students, Duration touchEvery)
            throws IOException {
        Map<?, ?> limitsSection = config.get("limits") instanceof Map<?, ?> m ? m : Map.of();
        @SuppressWarnings("unchecked")
        Map<String, Object> limits = (Map<String, Object>) limitsSection;
        List<String> toStart = new ArrayList<>();
        List<String> already = new ArrayList<>();
        List<String> warmed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        long runningBytes = 0;
        for (String s : students.stream().sorted().toList()) {
            if (hub.server(s) != null) {
                already.add(s);
                runningBytes += MemoryBudget.limitOf(s, limits);
            } else {
                toStart.add(s);
            }
        }
        long total =
                ProcFiles.memory(Files.readString(Path.of("/proc/meminfo"))).total_bytes();
        MemoryBudget.Plan plan = new MemoryBudget(total, MemoryBudget.HUB_RESERVE)
                .plan(toStart, s -> MemoryBudget.limitOf(s, limits), runningBytes);
        int batch = StaggerPlan.batchSize(Runtime.getRuntime().availableProcessors());
        // The servers up so far are kept from the culler while the later batches start, as afterwards.
        Keeper keeper = new Keeper(hub, touchEvery);
        keeper.names.addAll(already);
        for (List<String> names : StaggerPlan.batches(plan.warm(), batch)) {
            long t = System.nanoTime();
            List<String> asked = new ArrayList<>();
            for (String n : names) {
                try {
                    hub.startServer(n);
                    asked.add(n);
                } catch (IOException e) {
                    failed.add(n);
                    System.out.println("  " + n + ": " + e.getMessage());
                }
            }
            for (String n : asked) {
                if (awaitReady(hub, n, keeper)) {
                    keeper.names.add(n);
                    warmed.add(n);
                } else {
                    failed.add(n);
                    System.out.println("  " + n + ": not ready after " + READY_TIMEOUT.toSeconds()
                            + " s: check `littlehub logs " + n + "`");
                }
            }
            System.out.printf("  started %s in %.1f s%n", String.join(" ", names), (System.nanoTime() - t) / 1e9);
        }
        System.out.printf(
                "Warmed %d servers (%d already running, batches of %d).%n", warmed.size(), already.size(), batch);
        if (!plan.cold().isEmpty()) {
            System.out.printf(
                    "%d stay cold (they start when the student signs in): the memory for servers is %.1f GiB"
                            + " (the VM's %.1f GiB less %.1f GiB for the hub), each counted at a third of its limit"
                            + " as the hub counts them: %s. Lower limits.memory or give the VM more memory to warm"
                            + " everyone.%n",
                    plan.cold().size(),
                    plan.budgetBytes() / (double) (1L << 30),
                    total / (double) (1L << 30),
                    MemoryBudget.HUB_RESERVE / (double) (1L << 30),
                    String.join(" ", plan.cold()));
        }
        return new Result(warmed, already, plan.cold(), failed);
    }

    private static String clock(ZonedDateTime t) {
        return String.format("%02d:%02d", t.getHour(), t.getMinute());
    }

    private static boolean awaitReady(HubApi hub, String name, Keeper keeper) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            keeper.touchIfDue();
            JsonNode server = hub.server(name);
            if (server != null && server.path("ready").asBoolean(false)) {
                return true;
            }
            if (server == null) {
                return false; // the spawn failed and the hub forgot it
            }
            sleep(Duration.ofSeconds(1));
        }
        return false;
    }

    /**
     * Whether a keeper has anything to do: servers kept, until a time still ahead. Not otherwise: the keeper is a
     * JVM of its own, and a rehearsal's warm start (grace 0) would start one for nothing as its students arrive.
     */
    static boolean needsKeeper(List<String> kept, Instant until, Instant now) {
        return !kept.isEmpty() && until.isAfter(now);
    }

    /** Runs the keeping as a transient unit, so the teacher's command returns once the servers are up. */
    private void handOver(List<String> kept, Instant until) {
        machine.run(List.of("systemctl", "stop", KEEP_UNIT));
        List<String> argv = new ArrayList<>(List.of(
                "systemd-run",
                "--unit=" + KEEP_UNIT,
                "--collect",
                "--quiet",
                "--property=Nice=10",
                "java",
                "-XX:TieredStopAtLevel=1",
                "-Xmx64m",
                "-jar",
                Layout.CURRENT_AGENT_JAR,
                "class-warm",
                "--keep-until",
                until.toString(),
                "--"));
        argv.addAll(kept);
        CommandResult r = machine.run(argv);
        if (!r.ok()) {
            System.out.println("Could not keep the servers from the culler ("
                    + r.stderr().strip() + "): the culler may stop idle ones before class.");
        }
    }

    /** Until {@code until}, tells the hub every kept server that still runs is active, often enough for the culler. */
    static void keep(HubApi hub, List<String> names, Instant until, Duration every) throws IOException {
        System.out.println("Keeping " + names.size() + " servers from the idle culler until " + until + ".");
        Keeper keeper = new Keeper(hub, every);
        keeper.names.addAll(names);
        while (Instant.now().isBefore(until)) {
            keeper.touchIfDue();
            sleep(Duration.ofSeconds(1));
        }
        System.out.println("Grace over: the idle culler stops the warmed servers as usual.");
    }

    /** Tells the hub that the servers of {@link #names} that still run are active, at most once per {@code every}. */
    private static final class Keeper {
        final List<String> names = new ArrayList<>();
        private final HubApi hub;
        private final Duration every;
        private Instant last = Instant.EPOCH;

        Keeper(HubApi hub, Duration every) {
            this.hub = hub;
            this.every = every;
        }

        void touchIfDue() throws IOException {
            if (Instant.now().isBefore(last.plus(every))) {
                return;
            }
            last = Instant.now();
            for (String n : names) {
                if (hub.server(n) != null) {
                    hub.touchServer(n, last.toString());
                }
            }
        }
    }

    /** A third of the culler's timeout (so two touches fit in it), between 5 s and a minute. */
    static Duration touchInterval(Map<String, Object> config) {
        Object timeout = config.get("services") instanceof Map<?, ?> s
                        && s.get("cull") instanceof Map<?, ?> c
                        && c.get("timeout") instanceof Number n
                ? n
                : 3600;
        return Duration.ofSeconds(Math.max(5, Math.min(60, ((Number) timeout).longValue() / 3)));
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
