package io.littlehub.cli.hubs;

import io.littlehub.cli.ErrorExits;
import io.littlehub.cli.hubconfig.ConfigContext;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Runs one single-hub command on each selected hub: {@code forks} at a time, batch after batch ({@link Rollout}),
 * no hub started once too many failed; each hub's output through its own {@link HubLines}, then one {@link Recap}.
 * A hub that does not answer fails its own run after the SSH connect timeout; the others go on meanwhile. A hub's
 * questions (host key, passphrase, sudo, password) reach the terminal one hub at a time, named ({@link HubPrompter}).
 * Exit: 0 when every hub succeeded, else the failed hubs' exit code when they share one, else 1.
 */
public final class ManyHubs {
    /** The single-hub command: what it does on the hub named {@code hub}, its output through {@code ctx}. */
    @FunctionalInterface
    public interface OnHub {
        int run(ConfigContext ctx, String hub);
    }

    /**
     * @param selection {@code --hubs}
     * @param forks how many hubs at once
     */
    public record Plan(String selection, int forks, Rollout rollout, boolean json) {
        public Plan {
            if (forks < 1 || forks > 100) {
                throw new IllegalArgumentException(
                        "--forks " + forks + ": give how many hubs to work on at once, 1 to 100 (default 5)");
            }
        }
    }

    public static final int DEFAULT_FORKS = 5;

    private final ConfigContext ctx;
    private final LongSupplier clockMillis;
    /** Held by the hub whose question is on the terminal: one prompt at a time ({@link HubPrompter}). */
    private final ReentrantLock turn = new ReentrantLock(true);

    public ManyHubs(ConfigContext ctx) {
        this(ctx, System::currentTimeMillis);
    }

    ManyHubs(ConfigContext ctx, LongSupplier clockMillis) {
        this.ctx = ctx;
        this.clockMillis = clockMillis;
    }

    public int run(Plan plan, OnHub command) {
        List<String> hubs = Selection.select(ctx.registry().read(), plan.selection());
        int width = hubs.stream().mapToInt(String::length).max().orElse(1);
        Map<String, Recap.Outcome> outcomes = new LinkedHashMap<>();
        hubs.forEach(h -> outcomes.put(h, Recap.Outcome.notStarted(h)));
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(plan.forks(), hubs.size()));
        try {
            for (List<String> batch : plan.rollout().batches(hubs)) {
                if (!plan.rollout().mayStart(failed.get())) {
                    break;
                }
                List<Future<?>> running = new ArrayList<>();
                for (String hub : batch) {
                    running.add(pool.submit(() -> {
                        // Checked when the hub's turn comes: hubs queued behind the forks see earlier failures.
                        if (!plan.rollout().mayStart(failed.get())) {
                            return;
                        }
                        Recap.Outcome o = one(command, hub, width, plan.json());
                        if (!o.ok()) {
                            failed.incrementAndGet();
                        }
                        synchronized (outcomes) {
                            outcomes.put(hub, o);
                        }
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<Recap.Outcome> all = new ArrayList<>(outcomes.values());
        Recap.print(all, plan.json(), ctx.out());
        return Recap.exitCode(all);
    }

    private Recap.Outcome one(OnHub command, String hub, int width, boolean json) {
        HubLines out = new HubLines(ctx.out(), hub, width, json);
        HubLines err = new HubLines(ctx.err(), hub, width, false);
        PrintStream hubOut = out.stream();
        PrintStream hubErr = err.stream();
        ConfigContext hubCtx = HubPrompter.asking(ctx.withOutput(hubOut, hubErr), turn, hub, hubErr);
        long start = clockMillis.getAsLong();
        int exit;
        try {
            exit = command.run(hubCtx, hub);
        } catch (RuntimeException e) {
            hubErr.println("littlehub: " + ErrorExits.message(e));
            exit = ErrorExits.exitCode(e);
        }
        hubOut.close();
        hubErr.close();
        return new Recap.Outcome(hub, exit, out.changed(), Duration.ofMillis(clockMillis.getAsLong() - start), true);
    }
}
