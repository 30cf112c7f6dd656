package io.littlehub.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JournalctlTest {
    private static final List<String> BASE = List.of("journalctl", "--no-pager", "--output", "short-iso");

    private static List<String> expected(String... rest) {
        List<String> argv = new java.util.ArrayList<>(BASE);
        argv.addAll(List.of(rest));
        return argv;
    }

    @Test
    void byDefaultTheHubAndTheProxyTheirLast200Lines() {
        assertEquals(
                expected("-u", "jupyterhub.service", "-u", "littlehub-proxy.service", "-n", "200"),
                Journalctl.argv(List.of(), List.of(), false, null, null));
    }

    @Test
    void aWindowIsShownWhole() {
        assertEquals(
                expected("-u", "jupyterhub.service", "--since", "-1h"),
                Journalctl.argv(List.of("hub"), List.of(), false, "1h", null));
        assertEquals(
                expected("-u", "jupyterhub.service", "--since", "-1h", "-n", "20"),
                Journalctl.argv(List.of("hub"), List.of(), false, "1h", 20));
    }

    @Test
    void oneUnitSinceAnHourFollowing() {
        assertEquals(
                expected("-u", "littlehub-proxy.service", "--since", "-1h", "--follow"),
                Journalctl.argv(List.of("proxy"), List.of(), true, "1h", null));
        assertEquals(
                expected("-u", "littlehub-https.service", "-n", "40"),
                Journalctl.argv(List.of("https"), List.of(), false, null, 40));
        assertEquals(
                expected("-u", "jupyterhub.service", "--since", "2025-03-01 14:30:00", "-n", "50", "--follow"),
                Journalctl.argv(List.of("hub"), List.of(), true, "2025-03-01T14:30", 50));
    }

    @Test
    void aStudentIsTheirServersUnitNamedAsTheHubNamesIt() {
        assertEquals(
                expected("-u", "jupyter-ada-singleuser.service", "-n", "200"),
                Journalctl.argv(List.of("Ada"), List.of(), false, null, null));
        assertEquals(
                expected(
                        "-u",
                        "jupyter-ada-lovelace-sch-f0ffbef-singleuser.service",
                        "-u",
                        "jupyter-hub-singleuser.service",
                        "-n",
                        "200"),
                Journalctl.argv(List.of("ada.lovelace@school.org"), List.of("hub"), false, null, null));
    }

    @Test
    void aUnitAskedTwiceIsShownOnce() {
        assertEquals(
                expected("-u", "jupyterhub.service", "-n", "200"),
                Journalctl.argv(List.of("hub", "hub"), List.of(), false, null, null));
    }

    @Test
    void hostileNamesAreRefusedWithTheReason() {
        for (String name : List.of("$(reboot)", "a b", "../x", "-f", "\u0430lice")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> Journalctl.argv(List.of(name), List.of(), false, null, null));
            assertTrue(e.getMessage().contains("user name"), e.getMessage());
        }
    }

    @Test
    void noLinesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Journalctl.argv(List.of(), List.of(), false, null, 0));
    }
}
