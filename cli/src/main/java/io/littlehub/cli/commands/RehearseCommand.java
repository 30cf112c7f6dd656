package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.rehearsal.Rehearsal;
import io.littlehub.cli.rehearsal.RehearsalReport;
import io.littlehub.common.ExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code littlehub rehearse --students N [--ramp 60s] [--code '…'] [--stay 2m] [--while-in-use]}. */
@Command(
        name = "rehearse",
        mixinStandardHelpOptions = true,
        description = {
            "Rehearse a class start on the hub: N temporary students sign in, start a server and a kernel, run a cell.",
            "Prints each phase's p50/p95/max, the VM's peak memory, CPU and load, and a verdict with the fix; writes"
                    + " a plot (HTML). The students (rehearsal-001…) are removed afterwards with their homes,"
                    + " also after Ctrl-C. The roster changes twice (the hub restarts; running servers keep running)."
        })
@ExitsWith({ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNREACHABLE, ExitCodes.LOCKED})
public final class RehearseCommand implements Callable<Integer> {
    /** More than a 2-core hub could ever hold at once; a typo like 100000 is refused before anything connects. */
    static final int MAX_STUDENTS = 500;

    @Option(names = "--students", required = true, paramLabel = "N", description = "students arriving (1 to 500)")
    int students;

    @Option(
            names = "--ramp",
            paramLabel = "TIME",
            defaultValue = "60s",
            description = "spread their arrivals over this time (default ${DEFAULT-VALUE}; 0s: all at once)")
    Duration ramp;

    @Option(
            names = "--code",
            paramLabel = "CODE",
            defaultValue = "5 * 4",
            description = "the cell each student runs (default ${DEFAULT-VALUE})")
    String code;

    @Option(
            names = "--stay",
            paramLabel = "TIME",
            defaultValue = "2m",
            description = "how long each stays once the whole class has its first cell (default ${DEFAULT-VALUE})")
    Duration stay;

    @Option(
            names = "--goal",
            paramLabel = "TIME",
            defaultValue = "45s",
            description = "the first cell's p95 the class can wait for (default ${DEFAULT-VALUE})")
    Duration goal;

    @Option(
            names = "--plot",
            paramLabel = "FILE",
            description = "the plot's file (default: a new file in the current folder; with --hubs, HUB-FILE)")
    Path plot;

    @Option(names = "--while-in-use", description = "rehearse even while real students' servers run (slows them)")
    boolean whileInUse;

    @Option(
            names = "--warm",
            description = "start the students' servers before they arrive, as `littlehub class warm` does")
    boolean warm;

    @Mixin
    HubOptions hub;

    @Override
    public Integer call() {
        if (students < 1 || students > MAX_STUDENTS) {
            throw new IllegalArgumentException("--students " + students + ": rehearse with 1 to " + MAX_STUDENTS
                    + " students (a class's size, like --students 30)");
        }
        if (code.isBlank()) {
            throw new IllegalArgumentException("--code is empty: give the cell the students run, like '5 * 4'");
        }
        return hub.each(this::rehearse);
    }

    /** The rehearsal on one hub (with --hubs: each hub's plot in a file of its own). */
    private int rehearse(ConfigContext ctx, String hubName) {
        Hub target = HubConnections.find(ctx.registry(), hubName);
        boolean many = hub.selection.hubs != null;
        Path file = plot == null
                ? Path.of("littlehub-rehearsal-" + (many ? target.name() + "-" : "")
                        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                                .withZone(ZoneOffset.UTC)
                                .format(Instant.now())
                        + ".html")
                : many ? plot.resolveSibling(target.name() + "-" + plot.getFileName()) : plot;
        Rehearsal.Outcome outcome;
        try {
            outcome = new Rehearsal(ctx, target, line -> ctx.err().println(line))
                    .run(new Rehearsal.Plan(students, ramp, code, stay, goal, whileInUse, warm));
        } catch (Rehearsal.InUse e) {
            ctx.err().println("littlehub: " + e.getMessage());
            return ExitCodes.LOCKED;
        } catch (InterruptedException e) {
            ctx.err().println("littlehub: the rehearsal was interrupted; its students were removed");
            return ExitCodes.FAILED;
        }
        try {
            Files.writeString(file, RehearsalReport.plot(outcome));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (hub.json()) {
            ctx.out().println(RehearsalReport.json(outcome, file));
        } else {
            RehearsalReport.text(outcome, file, ctx.out());
        }
        return outcome.verdict().pass() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
