package io.littlehub.agent.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code littlehub-agent status [--json]}: the hub at a glance ({@link StatusGatherer}, then {@link StatusReport} or
 * one JSON object). Exit 1 when the hub or the proxy is not active, a part could not be read or a disk is 90% full
 * ({@link FullHomeDisk}, as doctor), so scripts and monitors can use the exit code alone.
 */
@Command(
        name = "status",
        description = {
            "The hub at a glance: hub, proxy and timers (active since when), releases,"
                    + " students (users, servers running, active in the last 5 min), memory, CPU, disk, newest scheduled backup, HTTPS.",
            "Exit 1 when the hub or the proxy is not active, a part could not be read, or a disk is 90% full."
        })
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    @Override
    public Integer call() throws Exception {
        HubStatus status = StatusGatherer.onThisMachine().gather();
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(status));
        } else {
            StatusReport.lines(status).forEach(System.out::println);
        }
        return exitCode(status);
    }

    /** Failed when the hub or the proxy is not active, or anything is in {@code problems} (a full disk, too). */
    static int exitCode(HubStatus status) {
        boolean running = status.hub() != null
                && status.hub().active()
                && status.proxy() != null
                && status.proxy().active();
        return running && status.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
