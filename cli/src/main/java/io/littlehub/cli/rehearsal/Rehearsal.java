package io.littlehub.cli.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.hubconfig.LockOwner;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.remote.AgentOptions;
import io.littlehub.cli.remote.ClassCommands;
import io.littlehub.cli.remote.ConfigCommands;
import io.littlehub.cli.remote.RehearsalCommands;
import io.littlehub.cli.remote.RosterCommands;
import io.littlehub.cli.sizing.Size;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A class start, rehearsed on the real hub: temporary students added, started over the ramp, timed, the VM sampled,
 * then every student removed — in {@code finally}, and by a shutdown hook when the JVM is stopped (Ctrl-C).
 */
public final class Rehearsal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(3);

    /** What the teacher asked for; {@code warm}: the servers started before the students arrive (class warm). */
    public record Plan(
            int students, Duration ramp, String code, Duration stay, Duration goal, boolean whileInUse, boolean warm) {}

    /**
     * What came out: the students' runs, their phases' spread, the VM's load and the verdict; {@code startedAt}: when
     * the first student arrived (the runs' {@code startedAt} count from it).
     */
    public record Outcome(
            Plan plan,
            Instant startedAt,
            List<StudentRun> runs,
            Map<Phase, PhaseStats> stats,
            VmLoad load,
            Verdict verdict,
            List<String> swept) {}

    /** The real servers running: the rehearsal would slow their students. */
    public static final class InUse extends RuntimeException {
        InUse(List<String> names) {
            super(names.size() + " real students' servers are running (" + String.join(", ", names)
                    + "): a rehearsal would slow them; run it when the hub is quiet, or add --while-in-use");
        }
    }

    private final ConfigContext ctx;
    private final Hub hub;
    private final Consumer<String> progress;

    public Rehearsal(ConfigContext ctx, Hub hub, Consumer<String> progress) {
        this.ctx = ctx;
        this.hub = hub;
        this.progress = progress;
    }

    public Outcome run(Plan plan) throws InterruptedException {
        try (RemoteHost host = HubConnections.connect(ctx, hub)) {
            TemporaryStudents temporaries = new TemporaryStudents(
                    host,
                    ctx.registry().dir().resolve("rehearsals").resolve(hub.name() + ".names"),
                    LockOwner.of(ctx.env()));
            List<String> swept = temporaries.sweep();
            if (!swept.isEmpty()) {
                progress.accept("removed " + swept.size() + " students an interrupted rehearsal left");
            }
            List<String> running = realServersRunning(host);
            if (!running.isEmpty() && !plan.whileInUse()) {
                throw new InUse(running);
            }
            Long limit = limitMemory(host);
            List<String> names = TemporaryStudents.names(plan.students());
            AtomicBoolean removed = new AtomicBoolean();
            // One removal, and whoever comes second waits for it: after a Ctrl-C the main thread must not close the
            // connection under the shutdown hook while the hook still removes the students.
            Runnable cleanUp = () -> {
                synchronized (removed) {
                    if (!removed.get()) {
                        progress.accept("removing the " + names.size() + " rehearsal students");
                        temporaries.remove(names);
                        removed.set(true);
                    }
                }
            };
            Thread hook = new Thread(cleanUp, "rehearsal-clean-up");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                progress.accept("adding " + names.size() + " rehearsal students");
                Map<String, String> passwords = temporaries.add(names);
                awaitHub();
                if (plan.warm()) {
                    warm(host, names.size());
                }
                Outcome outcome = rehearse(host, plan, passwords, limit, swept);
                cleanUp.run();
                return outcome;
            } finally {
                cleanUp.run();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running (Ctrl-C): it has nothing left to do.
                }
            }
        }
    }

    /** Starts the students' servers as {@code littlehub class warm} does; those it could not start start cold. */
    private void warm(RemoteHost host, int students) {
        progress.accept("warming the " + students + " rehearsal students' servers (as `littlehub class warm`)");
        Result r = host.runAsRoot(ClassCommands.warmRehearsal(AgentOptions.NONE));
        String said = (r.stdout() + r.stderr()).strip();
        progress.accept(said.isEmpty() ? "class warm: exit " + r.exitCode() : said);
    }

    private void awaitHub() throws InterruptedException {
        try {
            new HubClient(hub.url()).awaitHub(Duration.ofSeconds(120));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the hub did not answer after the roster change: " + e.getMessage(), e);
        }
    }

    private Outcome rehearse(RemoteHost host, Plan plan, Map<String, String> passwords, Long limit, List<String> swept)
            throws InterruptedException {
        List<VmLoad.Sample> samples = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(
                () -> sample(host).ifPresent(samples::add), 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        ExecutorService students = Executors.newFixedThreadPool(passwords.size());
        List<Future<StudentRun>> futures = new ArrayList<>();
        long rampNanos = plan.ramp().toNanos();
        int i = 0;
        // The last student arrives at the ramp's end and is in within a server start, a kernel and its cell.
        ClassIn classIn = new ClassIn(passwords.size(), plan.ramp().plus(Duration.ofMinutes(10)));
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        progress.accept(
                "starting " + passwords.size() + " students over " + plan.ramp().toSeconds() + " s");
        for (Map.Entry<String, String> s : passwords.entrySet()) {
            Duration offset = Duration.ofNanos(rampNanos * i++ / passwords.size());
            SimulatedStudent student = new SimulatedStudent(
                    hub.url(), s.getKey(), s.getValue(), plan.code(), plan.stay(), Duration.ofMinutes(5), classIn);
            futures.add(students.submit(() -> {
                Thread.sleep(Math.max(0, offset.toNanos() - (System.nanoTime() - start)) / 1_000_000);
                return student.run(offset);
            }));
        }
        try {
            List<StudentRun> runs = new ArrayList<>();
            for (Future<StudentRun> f : futures) {
                runs.add(f.get());
            }
            sampler.shutdown();
            sampler.awaitTermination(30, TimeUnit.SECONDS);
            sample(host).ifPresent(samples::add);
            Map<Phase, PhaseStats> stats = stats(runs);
            VmLoad load = VmLoad.of(samples);
            return new Outcome(
                    plan,
                    startedAt,
                    runs,
                    stats,
                    load,
                    Verdict.of(plan.students(), runs, stats, load, limit, plan.goal()),
                    swept);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a simulated student stopped: " + e.getCause(), e.getCause());
        } finally {
            students.shutdownNow();
            sampler.shutdownNow();
        }
    }

    static Map<Phase, PhaseStats> stats(List<StudentRun> runs) {
        Map<Phase, PhaseStats> stats = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            stats.put(
                    p,
                    PhaseStats.of(runs.stream()
                            .filter(r -> r.reached().containsKey(p))
                            .map(r -> r.reached().get(p))
                            .toList()));
        }
        return stats;
    }

    private static java.util.Optional<VmLoad.Sample> sample(RemoteHost host) {
        try {
            Result r = host.run(RehearsalCommands.sample());
            return r.ok() ? java.util.Optional.of(VmLoad.Sample.parse(r.stdout())) : java.util.Optional.empty();
        } catch (RuntimeException lost) {
            // One lost sample (a busy SSH channel) only thins the curve.
            return java.util.Optional.empty();
        }
    }

    /** The names of the real students (not this rehearsal's) whose servers run. */
    private static List<String> realServersRunning(RemoteHost host) {
        Result r = host.runAsRoot(RosterCommands.students(new AgentOptions(true, null, null)));
        if (!r.ok()) {
            throw new IllegalStateException(
                    "the hub's agent could not list the students: " + r.stderr().strip());
        }
        try {
            List<String> names = new ArrayList<>();
            for (JsonNode s : JSON.readTree(r.stdout())) {
                String name = s.path("name").asText();
                if (s.path("server_running").asBoolean() && !name.startsWith(TemporaryStudents.PREFIX)) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hub's limits.memory in bytes, or null when it sets none. */
    private static Long limitMemory(RemoteHost host) {
        Result r = host.runAsRoot(ConfigCommands.read("get", "limits.memory"));
        String value = r.stdout().strip();
        return r.ok() && !value.isEmpty() && !value.equals("null") ? Size.parse("limits.memory", value) : null;
    }
}
