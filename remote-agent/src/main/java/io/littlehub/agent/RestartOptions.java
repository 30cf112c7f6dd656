package io.littlehub.agent;

import io.littlehub.agent.restart.HubActivity;
import io.littlehub.agent.restart.IdleWait;
import io.littlehub.agent.restart.RestartDecision;
import io.littlehub.agent.restart.RestartDecision.Policy;
import io.littlehub.agent.restart.RestartGate;
import io.littlehub.agent.students.HubApi;
import io.littlehub.agent.students.Roster;
import io.littlehub.common.events.Event;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What a change (config, upgrade, rollback of the release) does when it restarts the hub while people are active
 * ({@link RestartGate}): without an option it says so and applies; {@code --yes} applies without looking; {@code --when-idle} waits until nobody is
 * active; {@code --ask} (the laptop's, on a terminal) stops so the laptop can ask the teacher.
 */
public final class RestartOptions {
    @Option(names = "--yes", description = "apply now, even when the hub restarts while people are active")
    boolean yes;

    @Option(
            names = "--ask",
            hidden = true,
            description = "stop (exit 7) when the change restarts the hub while"
                    + " people are active, so the laptop asks the teacher")
    boolean ask;

    @Option(
            names = "--when-idle",
            description = "when the change restarts the hub: wait until nobody is active, then apply")
    boolean whenIdle;

    @Option(
            names = "--idle-minutes",
            paramLabel = "N",
            defaultValue = "10",
            description = "active: a server used in the last N minutes, or starting (default: ${DEFAULT-VALUE})")
    int idleMinutes;

    @Option(
            names = "--idle-timeout",
            paramLabel = "SECONDS",
            defaultValue = "3600",
            description = "--when-idle gives up after this long, nothing changed (default: ${DEFAULT-VALUE})")
    int idleTimeout;

    /** What is wrong with the options given together, if anything. */
    public Optional<String> problem() {
        if ((yes ? 1 : 0) + (ask ? 1 : 0) + (whenIdle ? 1 : 0) > 1) {
            return Optional.of("--yes, --ask and --when-idle each decide what a restart does: give one");
        }
        if (idleMinutes < 1 || idleTimeout < 1) {
            return Optional.of("--idle-minutes and --idle-timeout must be at least 1");
        }
        return Optional.empty();
    }

    /** True when the options contradict each other: said on {@code err}; the command ends with USAGE, nothing changed. */
    public boolean refused(PrintStream err) {
        problem().ifPresent(p -> err.println(p + "; nothing changed"));
        return problem().isPresent();
    }

    Policy policy() {
        return yes ? Policy.NOW : ask ? Policy.ASK : whenIdle ? Policy.WHEN_IDLE : Policy.SAY_AND_APPLY;
    }

    /** The gate of a config change on this VM: what it restarts comes from a check run of the playbook. */
    RestartGate gate(String runningConfig) {
        return gate(runningConfig, text -> {
            List<Event> events = new ArrayList<>();
            PlaybookRun.run("provision", text, events::add, true, false);
            return RestartDecision.awayUnits(events);
        });
    }

    /** The gate of a change that always restarts the hub (upgrade, rollback of the release): nothing to check. */
    public RestartGate hubRestartGate(String runningConfig) {
        return gate(runningConfig, RestartGate.RESTARTS_THE_HUB);
    }

    /** The gate on this VM: the hub's API (at the running config's base_url) says who is active. */
    private RestartGate gate(String runningConfig, RestartGate.CheckRun checkRun) {
        Duration window = Duration.ofMinutes(idleMinutes);
        String baseUrl = Roster.of(runningConfig).baseUrl();
        return new RestartGate(
                policy(),
                window,
                Duration.ofSeconds(idleTimeout),
                () -> HubActivity.of(HubApi.onThisMachine(baseUrl).users(), Instant.now(), window),
                checkRun,
                IdleWait.Clock.SYSTEM,
                System.err);
    }
}
