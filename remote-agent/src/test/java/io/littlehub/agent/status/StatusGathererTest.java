package io.littlehub.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.agent.release.Releases;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.machine.FakeMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusGathererTest {
    @TempDir
    Path dir;

    private static final String HUB = "/opt/littlehub/current/hub";
    private static final String SITE = HUB + "/lib/python3.11/site-packages";

    /** Answers the status commands with captured output and /proc from files; nothing else runs. */
    private static FakeMachine vmWithoutTimers() {
        return vmWithoutTimers("jupyterhub-5.3.0.dist-info");
    }

    /** As above, with JupyterHub's metadata in the hub venv's folder {@code jupyterhubDistInfo}. */
    private static FakeMachine vmWithoutTimers(String jupyterhubDistInfo) {
        return new FakeMachine()
                .answer(List.of(), FakeMachine.fails(127, "not here"))
                .answer(List.of("systemctl", "list-unit-files"), FakeMachine.fails(1, ""))
                .answer(
                        List.of("systemctl", "show"),
                        FakeMachine.ok("Id=jupyterhub.service\nLoadState=loaded\nActiveState=active\nSubState=running\n"
                                + "ActiveEnterTimestamp=@1000\nStateChangeTimestamp=@1000\n\n"
                                + "Id=littlehub-proxy.service\nLoadState=loaded\nActiveState=active\nSubState=running\n"
                                + "ActiveEnterTimestamp=@1000\nStateChangeTimestamp=@1000\n"))
                .answer(
                        List.of("df", "-P"),
                        FakeMachine.ok("Filesystem 1-blocks Used Available Capacity Mounted on\n"
                                + "/dev/sda1 1000 400 600 40% /\n/dev/sda1 1000 400 600 40% /\n"))
                .answer(List.of("nproc"), FakeMachine.ok("2\n"))
                .file(HUB + "/bin/python", "")
                .directory(HUB + "/lib/python3.11")
                .directory(SITE + "/" + jupyterhubDistInfo)
                .file(
                        SITE + "/" + jupyterhubDistInfo + "/METADATA",
                        "Metadata-Version: 2.1\nName: jupyterhub\n"
                                + "Version: 5.3.0\nSummary: JupyterHub\n\nVersion: 9.9.9 is in the description\n")
                .file("/proc/meminfo", "MemTotal: 4020452 kB\nMemAvailable: 2734516 kB\n")
                .file("/proc/loadavg", "0.50 0.25 0.10 1/100 42\n");
    }

    private HubStatus gather(FakeMachine vm, StatusGatherer.HubUsers users) {
        return gather(vm, users, hubUsers -> {
            throw new AssertionError("the homes' sizes are read only when their disk is full");
        });
    }

    private HubStatus gather(FakeMachine vm, StatusGatherer.HubUsers users, StatusGatherer.HomeSizes homes) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1000 + 600), ZoneOffset.UTC);
        return new StatusGatherer(
                        vm,
                        clock,
                        new Releases(dir.resolve("opt")),
                        users,
                        dir.resolve("backups"),
                        () -> new HubStatus.Certificate(null, StatusGatherer.NO_HTTPS),
                        () -> new HubStatus.SignIn("firstuse", false, null),
                        homes)
                .gather();
    }

    @Test
    void aHubThatDoesNotAnswerIsOneProblemAndTheRestIsReported() {
        FakeMachine vm = vmWithoutTimers();
        HubStatus s = gather(vm, () -> {
            throw new IOException("the hub does not answer at http://127.0.0.1:8081/hub/api/");
        });
        assertEquals(Map.of("students", "the hub does not answer at http://127.0.0.1:8081/hub/api/"), s.problems());
        assertNull(s.students());
        assertEquals(600L, s.hub().uptime_seconds());
        assertTrue(s.proxy().active());
        assertEquals(List.of(), s.timers(), "no littlehub timer is installed");
        assertEquals(new HubStatus.Release(null, io.littlehub.common.BuildInfo.version(), "5.3.0"), s.release());
        assertEquals(2, s.cpu().cores());
        assertEquals(List.of(new HubStatus.Disk("/", StatusGatherer.DISK_PATHS, 1000, 600)), s.disks());
        assertNull(s.newest_backup(), "no backups folder: none");
        assertEquals("no HTTPS yet", s.certificate().note());
        // No list-timers when there is no timer; every program an argument list.
        assertEquals(
                List.of(
                        "systemctl",
                        "show",
                        "--timestamp=unix",
                        "-p",
                        SystemdOutput.PROPERTIES,
                        "jupyterhub.service",
                        "littlehub-proxy.service"),
                vm.ran().stream()
                        .filter(argv -> argv.size() > 1 && argv.get(1).equals("show"))
                        .findFirst()
                        .orElseThrow());
        assertTrue(
                vm.ran().stream().noneMatch(argv -> argv.contains("list-timers")),
                vm.ran().toString());
        assertTrue(vm.log().stream().allMatch(l -> l.startsWith("run ")), "status only reads: " + vm.log());
        assertTrue(vm.ran().stream().noneMatch(argv -> argv.get(0).endsWith("python")), "no Python: " + vm.ran());
    }

    /** A VM whose /home is a disk of its own: {@code home} and {@code root} are df's rows for /home and /. */
    private static FakeMachine disks(String home, String root) {
        return vmWithoutTimers()
                .answer(
                        List.of("df", "-P"),
                        FakeMachine.ok("Filesystem 1-blocks Used Available Capacity Mounted on\n/dev/loop0 " + home
                                + " /home\n/dev/sda1 " + root + " /\n"));
    }

    /** 95 of 100 bytes used: the homes' disk is full, so the biggest homes are named (and only then read). */
    private static FakeMachine fullHomes() {
        return disks("100 95 5 95%", "1000 400 600 40%");
    }

    @Test
    void aFullDiskOfTheHomesNamesTheBiggestHomes() {
        HubStatus s = gather(
                fullHomes(),
                List::of,
                hubUsers ->
                        Map.of("filler", 90L << 20, "calm", 40L << 10, "late", -1L, "bo", 7L << 20, "cy", 1L << 20));
        assertEquals(
                List.of(
                        new HubStatus.Home("filler", 90L << 20),
                        new HubStatus.Home("bo", 7L << 20),
                        new HubStatus.Home("cy", 1L << 20)),
                s.biggest_homes());
        assertEquals(List.of("disks"), List.copyOf(s.problems().keySet()), "the full disk, and nothing else");
        assertTrue(
                StatusReport.lines(s)
                        .contains("disk      /home: 5 B free of 100 B (/home); the biggest homes: filler 90.0 MiB,"
                                + " bo 7.0 MiB, cy 1.0 MiB"),
                StatusReport.lines(s).toString());
        assertTrue(StatusReport.lines(s).contains("disk      /: 600 B free of 1000 B (/opt/littlehub)"));
    }

    /**
     * A full disk is a problem as a stopped hub is: status exits 1 (as doctor does for it), and the problem says how
     * full and what to do.
     */
    @Test
    void aFullDiskIsAProblemThatSaysWhatToDoAndStatusExits1() {
        HubStatus s = gather(fullHomes(), List::of, hubUsers -> Map.of("filler", 90L << 20));
        assertEquals(
                "/home (/home) is 95% full: 5 B free of 100 B: `littlehub doctor` names the biggest homes; "
                        + FullHomeDisk.FREE_SPACE,
                s.problems().get("disks"));
        assertTrue(FullHomeDisk.FREE_SPACE.contains("`littlehub students` shows each home's size"));
        assertTrue(
                StatusReport.lines(s)
                        .contains("problem   disks: /home (/home) is 95% full: 5 B free of 100 B:"
                                + " `littlehub doctor` names the biggest homes; " + FullHomeDisk.FREE_SPACE),
                StatusReport.lines(s).toString());
        assertEquals(ExitCodes.FAILED, StatusCommand.exitCode(s));
    }

    @Test
    void aDiskJustUnder90PercentFullIsNoProblem() {
        HubStatus s = gather(disks("1000 899 101 90%", "1000 400 600 40%"), List::of);
        assertEquals(Map.of(), s.problems());
        assertEquals(List.of(), s.biggest_homes());
        assertEquals(ExitCodes.OK, StatusCommand.exitCode(s));
    }

    /** A disk other than the homes' that is full is a problem too (doctor's), without homes to name. */
    @Test
    void aFullDiskOfTheReleasesIsAProblemWithoutHomes() {
        HubStatus s = gather(disks("1000 100 900 10%", "1000 960 40 96%"), List::of);
        assertEquals(
                "/ (/opt/littlehub) is 96% full: 40 B free of 1000 B: " + FullHomeDisk.FREE_SPACE,
                s.problems().get("disks"));
        assertEquals(List.of(), s.biggest_homes());
        assertEquals(ExitCodes.FAILED, StatusCommand.exitCode(s));
    }

    /**
     * On a full disk the homes of the roster and of the hub's users are measured, and the hub is asked for its users
     * once: the activity count and the homes share its answer. {@code bo} is known only to the hub.
     */
    @Test
    void theHubIsAskedForItsUsersOnceWhenTheHomesAreMeasured() throws Exception {
        List<String> asked = new ArrayList<>();
        List<JsonNode> hubUsers = new ArrayList<>();
        new ObjectMapper()
                .readTree("[{\"name\": \"ada\", \"admin\": false, \"last_activity\": null, \"servers\": {}},"
                        + " {\"name\": \"bo\", \"admin\": false, \"last_activity\": null, \"servers\": {}}]")
                .forEach(hubUsers::add);
        FakeMachine vm = fullHomes()
                .answer(
                        List.of("getent", "passwd"),
                        FakeMachine.ok("jupyter-ada:x:1001:1001::/home/jupyter-ada:/bin/bash\n"
                                + "jupyter-bo:x:1002:1002::/home/jupyter-bo:/bin/bash\n"))
                .answer(List.of("du", "-sb"), FakeMachine.ok("60\t/home/jupyter-ada\n30\t/home/jupyter-bo\n"));
        HubStatus s = StatusGatherer.on(
                        vm,
                        Clock.fixed(Instant.ofEpochSecond(1600), ZoneOffset.UTC),
                        new Releases(dir.resolve("opt")),
                        dir.resolve("backups"),
                        () -> "users:\n  allowed: [ada]\n",
                        baseUrl -> {
                            asked.add("GET " + baseUrl + "hub/api/users");
                            return hubUsers;
                        })
                .gather();
        assertEquals(List.of("GET /hub/api/users"), asked, "one request for both");
        assertEquals(new HubStatus.Students(2, 0, 0), s.students());
        assertEquals(List.of(new HubStatus.Home("ada", 60), new HubStatus.Home("bo", 30)), s.biggest_homes());
        assertTrue(
                vm.ran().contains(List.of("getent", "passwd", "jupyter-ada", "jupyter-bo")),
                vm.ran().toString());
    }

    @Test
    void homesWhoseSizesCannotBeReadAreOneProblem() {
        HubStatus s = gather(fullHomes(), List::of, hubUsers -> {
            throw new IOException("du: cannot read /home");
        });
        assertNull(s.biggest_homes());
        assertEquals("du: cannot read /home", s.problems().get("biggest_homes"));
        assertEquals(
                List.of(new HubStatus.Disk("/home", List.of("/home"), 100, 5)),
                s.disks().subList(0, 1));
    }

    @Test
    void aHubVenvWithoutJupyterHubIsOneProblem() {
        HubStatus s = gather(vmWithoutTimers("jupyterhub_idle_culler-1.4.0.dist-info"), List::of);
        assertEquals(Map.of("jupyterhub", "no installed JupyterHub found in " + HUB), s.problems());
        assertNull(s.release().jupyterhub());
        assertEquals(new HubStatus.Students(0, 0, 0), s.students(), "the rest is reported");
    }

    @Test
    void theNewestArchiveInTheBackupsFolder() throws IOException {
        Files.createDirectories(dir.resolve("backups"));
        Files.write(dir.resolve("backups/class-20250301-120000.tar"), new byte[12]);
        Files.write(dir.resolve("backups/class-20250302-120000.tar.part"), new byte[3]);
        HubStatus s = gather(vmWithoutTimers(), List::of);
        assertEquals(new HubStatus.Backup("class-20250301-120000.tar", "2025-03-01T12:00:00Z", 12), s.newest_backup());
        assertEquals(new HubStatus.Students(0, 0, 0), s.students());
        assertEquals(Map.of(), s.problems());
    }
}
