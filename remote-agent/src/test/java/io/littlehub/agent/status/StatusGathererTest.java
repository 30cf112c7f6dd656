package io.littlehub.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.release.Releases;
import io.littlehub.common.machine.FakeMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
        return gather(vm, users, () -> {
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

    /** 95 of 100 bytes used: the homes' disk is full, so the biggest homes are named (and only then read). */
    private static FakeMachine fullHomes() {
        return vmWithoutTimers()
                .answer(
                        List.of("df", "-P"),
                        FakeMachine.ok("Filesystem 1-blocks Used Available Capacity Mounted on\n"
                                + "/dev/loop0 100 95 5 95% /home\n/dev/sda1 1000 400 600 40% /\n"));
    }

    @Test
    void aFullDiskOfTheHomesNamesTheBiggestHomes() {
        HubStatus s = gather(
                fullHomes(),
                List::of,
                () -> Map.of("filler", 90L << 20, "calm", 40L << 10, "late", -1L, "bo", 7L << 20, "cy", 1L << 20));
        assertEquals(
                List.of(
                        new HubStatus.Home("filler", 90L << 20),
                        new HubStatus.Home("bo", 7L << 20),
                        new HubStatus.Home("cy", 1L << 20)),
                s.biggest_homes());
        assertEquals(Map.of(), s.problems());
        assertTrue(
                StatusReport.lines(s)
                        .contains("disk      /home: 5 B free of 100 B (/home); the biggest homes: filler 90.0 MiB,"
                                + " bo 7.0 MiB, cy 1.0 MiB"),
                StatusReport.lines(s).toString());
        assertTrue(StatusReport.lines(s).contains("disk      /: 600 B free of 1000 B (/opt/littlehub)"));
    }

    @Test
    void homesWhoseSizesCannotBeReadAreOneProblem() {
        HubStatus s = gather(fullHomes(), List::of, () -> {
            throw new IOException("du: cannot read /home");
        });
        assertNull(s.biggest_homes());
        assertEquals(Map.of("biggest_homes", "du: cannot read /home"), s.problems());
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
