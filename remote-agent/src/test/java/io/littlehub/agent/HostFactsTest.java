package io.littlehub.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.common.Facts;
import io.littlehub.common.machine.FakeMachine;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostFactsTest {
    @Test
    void theMachinesTextsBecomeFacts() throws Exception {
        FakeMachine vm = new FakeMachine()
                .file(
                        "/etc/os-release",
                        "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n")
                .file("/proc/meminfo", "MemTotal:        4030428 kB\nMemFree:  1 kB\n")
                .answer(List.of("systemctl", "--version"), FakeMachine.ok("systemd 252 (252.39-1~deb12u1)\n+PAM\n"));
        Facts facts = HostFacts.gather(vm);
        assertEquals("debian", facts.osId());
        assertEquals("12", facts.osVersion());
        assertEquals("Debian GNU/Linux 12 (bookworm)", facts.osName());
        assertEquals(4030428L * 1024, facts.memoryBytes());
        assertEquals(252, facts.systemdVersion());
        vm.assertRan(List.of("systemctl", "--version"));
    }

    @Test
    void missingFilesAreUnknownNotAnError() throws Exception {
        FakeMachine vm = new FakeMachine().answer(List.of("systemctl"), FakeMachine.fails(127, "not found"));
        Facts facts = HostFacts.gather(vm);
        assertEquals("unknown", facts.osId());
        assertEquals(0, facts.memoryBytes());
        assertEquals(0, facts.systemdVersion());
    }
}
