package io.littlehub.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RehearsalCommandsTest {
    @Test
    void theSampleIsOneFixedScriptReadingProcAndTheRootMemoryCgroup() {
        assertEquals(
                List.of(
                        "sh",
                        "-c",
                        "cat /proc/meminfo /proc/loadavg; head -n 1 /proc/stat; "
                                + "printf 'cgroup-limit %s\\ncgroup-used %s\\n' "
                                + "\"$(cat /sys/fs/cgroup/memory.max 2>/dev/null"
                                + " || cat /sys/fs/cgroup/memory/memory.limit_in_bytes)\" "
                                + "\"$(cat /sys/fs/cgroup/memory.current 2>/dev/null"
                                + " || cat /sys/fs/cgroup/memory/memory.usage_in_bytes)\""),
                RehearsalCommands.sample());
    }

    @Test
    void failedServerUnitsOfTheRehearsalAreResetByPattern() {
        assertEquals(
                List.of("systemctl", "reset-failed", "jupyter-rehearsal-*-singleuser.service"),
                RehearsalCommands.resetFailedServers("rehearsal-"));
    }
}
