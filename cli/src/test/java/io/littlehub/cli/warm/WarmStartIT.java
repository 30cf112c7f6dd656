package io.littlehub.cli.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's warm start on a provisioned hub: {@code littlehub class warm --now} starts the roster's servers in
 * batches, as many as the memory allows (the limit is set so three of five fit); an idle warmed server outlives the
 * culler's timeout during the grace period; a student who signs in finds the server that was started before and runs
 * a cell on it; after the grace the culler stops the idle ones. Then a schedule due now: systemd takes the warm
 * timer's calendar, and the warm unit the timer starts warms the culled servers again.
 */
class WarmStartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CULL_TIMEOUT = 60;
    private static final int CULL_EVERY = 10;
    private static final int GRACE_MINUTES = 4;

    @AutoClose
    TeacherLaptop laptop;

    @Test
    void theClassFindsItsServersRunningUntilTheGraceEnds() throws Exception {
        laptop = TeacherLaptop.boot("warm-" + ProcessHandle.current().pid());
        List<String> roster = List.of("ada", "bob", "cy", "dee", "eve");
        laptop.ok(concat("add-student", roster));
        laptop.ok("config", "set", "services.cull.timeout", Integer.toString(CULL_TIMEOUT));
        laptop.ok("config", "set", "services.cull.every", Integer.toString(CULL_EVERY));
        // A limit that lets three servers into the VM's memory less the hub's 1 GiB, each counted at a third of its
        // limit (as the hub's active_server_limit counts them): 3.5 of them fill it.
        long total = memTotalBytes();
        long perStudentMib = (long) ((total - (1L << 30)) * 3 / 3.5) >> 20;
        laptop.ok("config", "set", "limits.memory", perStudentMib + "M");

        Instant warmStart = Instant.now();
        TeacherLaptop.Run warm =
                laptop.ok("class", "warm", "--now", "--grace", Integer.toString(GRACE_MINUTES), "--json");
        Instant warmed = Instant.now();
        System.out.printf(
                "warm start took %d ms:%n%s%n",
                Duration.between(warmStart, warmed).toMillis(), warm.out());
        JsonNode result = JSON.readTree(warm.out()
                .lines()
                .filter(l -> l.startsWith("{"))
                .reduce((a, b) -> b)
                .orElseThrow());
        assertEquals(List.of("ada", "bob", "cy"), names(result.path("warmed")), warm.out());
        assertEquals(List.of("dee", "eve"), names(result.path("cold")), warm.out());
        assertTrue(warm.out().contains("2 stay cold"), warm.out());

        // Staggered: the second batch started only once the first was ready (batches of at most the VM's cores).
        Instant adaStarted = started("ada");
        Instant cyStarted = started("cy");
        System.out.printf("started: ada %s, bob %s, cy %s%n", adaStarted, started("bob"), cyStarted);
        assertTrue(
                Duration.between(adaStarted, cyStarted).toMillis() >= 1000,
                "cy started " + Duration.between(adaStarted, cyStarted) + " after ada");
        assertTrue(running("bob") && running("cy"));
        assertFalse(running("dee"), "dee stays cold");
        // The class's servers share one slice (one CPU weight against the hub's); the hub is not in it.
        assertEquals("system-students.slice", slice("jupyter-ada-singleuser"));
        assertEquals("system-students.slice", slice("jupyter-cy-singleuser"));
        assertEquals("system.slice", slice("jupyterhub"));

        // A student arrives: the server was running before the sign-in, and it answers the first cell as is.
        Instant signIn = Instant.now();
        HubClient ada = laptop.signedInWithServer("ada");
        assertTrue(adaStarted.isBefore(signIn), "ada's server started " + adaStarted + ", she signed in " + signIn);
        long t = System.nanoTime();
        assertEquals("20", ada.execute("ada", "5 * 4"));
        System.out.printf("ada's first cell answered in %d ms after sign-in%n", (System.nanoTime() - t) / 1_000_000);
        assertEquals(adaStarted, started("ada"), "no new spawn: the same server");

        // Idle bob's server outlives the culler's timeout (and a check) while the grace lasts.
        sleepUntil(warmed.plusSeconds(CULL_TIMEOUT + 3L * CULL_EVERY));
        assertTrue(Instant.now().isBefore(warmStart.plus(Duration.ofMinutes(GRACE_MINUTES))), "still in the grace");
        assertTrue(running("bob"), "bob's idle server is kept during the grace");
        assertTrue(running("cy"), "cy's idle server is kept during the grace");

        // After the grace, the culler stops the idle servers as usual.
        Instant graceEnd = warmed.plus(Duration.ofMinutes(GRACE_MINUTES));
        Instant deadline = graceEnd.plusSeconds(CULL_TIMEOUT + 6L * CULL_EVERY);
        while (running("bob") && Instant.now().isBefore(deadline)) {
            Thread.sleep(5000);
        }
        assertFalse(running("bob"), "bob's idle server is culled after the grace");
        System.out.printf(
                "bob's server culled %d s after the grace ended%n",
                Duration.between(graceEnd, Instant.now()).toSeconds());

        // A schedule whose class starts in 3 minutes (warm 10 before, so due now): systemd takes the timer's calendar,
        // and the warm unit (what the timer starts at the warm time) warms the culled servers again.
        ZonedDateTime start = ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(3);
        String day = start.getDayOfWeek()
                .getDisplayName(TextStyle.SHORT, Locale.ROOT)
                .toLowerCase(Locale.ROOT);
        String hhmm = String.format("%02d:%02d", start.getHour(), start.getMinute());
        laptop.ok("config", "set", "class.timezone", "UTC");
        laptop.ok("config", "set", "class.schedule", "[{days: [" + day + "], start: \"" + hhmm + "\"}]");
        String calendar =
                laptop.vm.check("systemctl", "show", "-p", "TimersCalendar", "--value", "littlehub-class-warm.timer");
        System.out.println("warm timer: " + calendar.strip());
        assertTrue(calendar.contains(":00 UTC"), calendar);
        assertEquals(
                "active",
                laptop.vm
                        .check("systemctl", "is-active", "littlehub-class-warm.timer")
                        .strip());
        laptop.vm.check("sudo", "systemctl", "start", "littlehub-class-warm.service");
        Instant scheduledDeadline = Instant.now().plusSeconds(240);
        while (!running("bob") && Instant.now().isBefore(scheduledDeadline)) {
            Thread.sleep(3000);
        }
        assertTrue(running("bob"), "the scheduled warm start started bob's server again");
        System.out.println(
                laptop.vm.check("sudo", "journalctl", "-u", "littlehub-class-warm.service", "--no-pager", "-o", "cat"));
    }

    private static String[] concat(String first, List<String> rest) {
        String[] out = new String[rest.size() + 1];
        out[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            out[i + 1] = rest.get(i);
        }
        return out;
    }

    private static List<String> names(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private long memTotalBytes() {
        String line = laptop.vm.check("grep", "MemTotal", "/proc/meminfo").strip();
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }

    /** The user as the hub's REST API shows it to an admin (the agent's token, on the VM). */
    private JsonNode hubUser(String name) throws Exception {
        return JSON.readTree(laptop.vm.check(
                "sudo",
                "/opt/littlehub/current/hub/bin/python",
                "-c",
                "import urllib.request as u; t = open('/opt/littlehub/state/agent-api-token').read().strip(); "
                        + "print(u.urlopen(u.Request('http://127.0.0.1:8081/hub/api/users/" + name
                        + "', headers={'Authorization': 'token ' + t})).read().decode())"));
    }

    private boolean running(String name) throws Exception {
        return hubUser(name).path("servers").path("").path("ready").asBoolean(false);
    }

    private Instant started(String name) throws Exception {
        return Instant.parse(
                hubUser(name).path("servers").path("").path("started").asText());
    }

    private String slice(String unit) {
        return laptop.vm
                .check("systemctl", "show", "-p", "Slice", "--value", unit)
                .strip();
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long ms = Duration.between(Instant.now(), when).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
