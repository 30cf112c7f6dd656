package io.littlehub.agent.ops;

import io.littlehub.common.machine.FakeMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A hub coming up after a restart, second by second, for the wait that follows ({@code HubHealth.afterRestart}): its
 * health URL answers from a given second, {@code systemctl show} prints the units as they are that second, and the
 * clock moves only with the wait's pauses.
 */
public final class RestartedHub {
    /** The exact command line the wait reads the hub's and the proxy's units with. */
    public static final List<String> SHOW = List.of(
            "systemctl",
            "show",
            "--property=Id,ActiveState,SubState,MainPID,NRestarts",
            "--",
            "jupyterhub",
            "littlehub-proxy");

    public static final String PROXY =
            "Id=littlehub-proxy.service\nActiveState=active\nSubState=running\nMainPID=77\nNRestarts=0\n";

    /** Both units run their first processes all along. */
    public static final LongFunction<String> RUNNING = second -> hub("active", "running", 42, 0) + PROXY;

    /** The hub's unit runs process 42 until {@code second}, then systemd has restarted it (process 51). */
    public static LongFunction<String> crashesAt(long second) {
        return s -> (s < second ? hub("active", "running", 42, 0) : hub("active", "running", 51, 1)) + PROXY;
    }

    /** The hub's unit runs process 42 until {@code second}, then has failed. */
    public static LongFunction<String> failsAt(long second) {
        return s -> (s < second ? hub("active", "running", 42, 0) : hub("failed", "failed", 0, 0)) + PROXY;
    }

    /** The hub's block of {@code systemctl show}, a blank line after it. */
    public static String hub(String active, String sub, long pid, int restarts) {
        return "Id=jupyterhub.service\nActiveState=" + active + "\nSubState=" + sub + "\nMainPID=" + pid
                + "\nNRestarts=" + restarts + "\n\n";
    }

    /** Each URL the wait asked, in order. */
    public final List<String> asked = new ArrayList<>();

    private long millis;
    private int status = 200;
    private long from;

    /** The URL answers {@code status} from {@code second} on (nothing before). */
    public RestartedHub answers(int status, long second) {
        this.status = status;
        this.from = second;
        return this;
    }

    /** The URL never answers. */
    public RestartedHub silent() {
        return answers(-1, 0);
    }

    /** {@code vm} prints the units' states of each second for {@link #SHOW}. */
    public RestartedHub units(FakeMachine vm, LongFunction<String> bySecond) {
        vm.answer(SHOW, argv -> FakeMachine.ok(bySecond.apply(seconds())));
        return this;
    }

    /** The seconds the wait has paused so far. */
    public long seconds() {
        return millis / 1000;
    }

    public HttpCheck.World world() {
        return new HttpCheck.World(
                url -> {
                    asked.add(url);
                    return seconds() >= from ? status : -1;
                },
                () -> millis,
                pause -> {
                    millis += pause;
                    return true;
                });
    }
}
