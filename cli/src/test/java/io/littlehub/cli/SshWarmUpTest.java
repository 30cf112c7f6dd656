package io.littlehub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which runs ready the SSH client while picocli parses. */
class SshWarmUpTest {
    @Test
    void theCommandsThatLogInToAVmWarmUpAndTheOthersDoNot() {
        assertEquals(
                Set.of(
                        "students",
                        "add-student",
                        "remove-student",
                        "add-admin",
                        "remove-admin",
                        "reset-password",
                        "class",
                        "course",
                        "link",
                        "env",
                        "config",
                        "status",
                        "hubs",
                        "doctor",
                        "rehearse",
                        "logs",
                        "ssh",
                        "upgrade",
                        "rollback",
                        "backup",
                        "restore",
                        "export",
                        "provision"),
                SshWarmUp.CONNECTING);
        assertTrue(SshWarmUp.wanted(new String[] {"status", "--hub", "a"}, false));
        assertTrue(SshWarmUp.wanted(new String[] {"provision", "tester@127.0.0.1"}, false));
        assertFalse(SshWarmUp.wanted(new String[] {}, false));
        assertFalse(SshWarmUp.wanted(new String[] {"--version"}, false));
        assertFalse(SshWarmUp.wanted(new String[] {"size", "--students", "30"}, false));
        assertFalse(
                SshWarmUp.wanted(new String[] {"--hub", "a", "status"}, false), "an option first: not worth guessing");
        assertFalse(SshWarmUp.wanted(new String[] {"status"}, true), "a kept connection may serve it");
    }
}
