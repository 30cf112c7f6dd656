package io.littlehub.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusReportTest {
    private static HubStatus.Unit hub = new HubStatus.Unit(
            "jupyterhub.service", "loaded", "active", "running", "2025-03-03T09:00:00Z", 11520L, null);
    private static HubStatus.Unit proxy = new HubStatus.Unit(
            "littlehub-proxy.service", "loaded", "failed", "failed", "2025-03-03T12:01:00Z", null, null);
    private static HubStatus.Unit timer = new HubStatus.Unit(
            "littlehub-backup.timer",
            "loaded",
            "active",
            "waiting",
            "2025-03-03T09:00:00Z",
            11520L,
            "2025-03-04T00:23:00Z");

    private static HubStatus status(
            List<HubStatus.Unit> timers, HubStatus.Backup backup, Map<String, String> problems) {
        return new HubStatus(
                "2025-03-03T12:12:00Z",
                hub,
                proxy,
                timers,
                new HubStatus.Release("0.6.0", "0.6.0", "5.3.0"),
                new HubStatus.Students(31, 4, 2),
                new HubStatus.Memory(4L << 30, 1288490189L),
                new HubStatus.Cpu(2, 0.12, 0.08, 0.01),
                List.of(new HubStatus.Disk("/", List.of("/home", "/opt/littlehub"), 25L << 30, 13207024435L)),
                backup,
                new HubStatus.Certificate(null, "no HTTPS yet"),
                problems,
                new HubStatus.SignIn("firstuse", false, null),
                List.of());
    }

    @Test
    void aHealthyHubInShortAlignedLines() {
        assertEquals(
                List.of(
                        "hub       active, up 3 h 12 min (since 2025-03-03 09:00 UTC)",
                        "proxy     failed (since 2025-03-03 12:01 UTC)",
                        "timer     littlehub-backup.timer: active, next run 2025-03-04 00:23 UTC (since 2025-03-03 09:00 UTC)",
                        "release   littlehub 0.6.0 (this agent: 0.6.0), JupyterHub 5.3.0",
                        "students  31 users, 4 servers running, 2 active in the last 5 min",
                        "memory    1.2 GiB available of 4.0 GiB",
                        "cpu       2 cores, load 0.12 0.08 0.01 (1, 5, 15 min)",
                        "disk      /: 12.3 GiB free of 25.0 GiB (/home, /opt/littlehub)",
                        "backup    class-20250303-000512.tar, 2025-03-03 00:05 UTC, 48.2 MiB",
                        "https     no HTTPS yet",
                        "sign-in   firstuse, only the roster (users.allowed, users.admin)"),
                StatusReport.lines(status(
                        List.of(timer),
                        new HubStatus.Backup("class-20250303-000512.tar", "2025-03-03T00:05:12Z", 50541363L),
                        Map.of())));
    }

    @Test
    void noTimersNoBackupsAndUnreadablePartsAreSaid() {
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("newest_backup", "/var/backups/littlehub: Permission denied");
        List<String> lines = StatusReport.lines(status(List.of(), null, problems));
        assertEquals("timers    none", lines.get(2));
        assertEquals("backup    unknown (see the problem below)", lines.get(8));
        assertEquals("problem   newest_backup: /var/backups/littlehub: Permission denied", lines.get(lines.size() - 1));
        assertEquals(
                "backup    none",
                StatusReport.lines(status(List.of(), null, Map.of())).get(8));
    }

    @Test
    void oneOfAThingIsSingular() {
        HubStatus one = new HubStatus(
                "2025-03-03T12:12:00Z",
                hub,
                proxy,
                List.of(),
                new HubStatus.Release(null, "0.6.0", null),
                new HubStatus.Students(1, 1, 1),
                null,
                new HubStatus.Cpu(1, 0, 0, 0),
                null,
                null,
                new HubStatus.Certificate(null, "no HTTPS yet"),
                Map.of(
                        "memory",
                        "/proc/meminfo has no MemAvailable line",
                        "jupyterhub",
                        "cannot run /opt/littlehub/current/hub/bin/python: No such file or directory"),
                null,
                List.of());
        List<String> lines = StatusReport.lines(one);
        assertEquals(
                "release   littlehub (none: not provisioned) (this agent: 0.6.0), JupyterHub unknown (see the problem below)",
                lines.get(3));
        assertEquals("students  1 user, 1 server running, 1 active in the last 5 min", lines.get(4));
        assertEquals("memory    unknown (see the problem below)", lines.get(5));
        assertEquals("cpu       1 core, load 0.00 0.00 0.00 (1, 5, 15 min)", lines.get(6));
    }

    @Test
    void openSignUpOverPlainHttpIsAWarningWithItsFix() {
        HubStatus s = status(List.of(), null, Map.of());
        HubStatus open = new HubStatus(
                s.time(),
                s.hub(),
                s.proxy(),
                s.timers(),
                s.release(),
                s.students(),
                s.memory(),
                s.cpu(),
                s.disks(),
                null,
                s.certificate(),
                Map.of(),
                SignInPolicy.of(io.littlehub.common.config.HubConfig.load("users: {open_signup: true}\n")),
                List.of());
        List<String> lines = StatusReport.lines(open);
        assertEquals("sign-in   firstuse, open sign-up (anyone may create an account)", lines.get(lines.size() - 2));
        assertEquals(
                "warning   open sign-up over plain HTTP: anyone who finds this hub can create an account, and every password "
                        + "crosses the network unencrypted: `littlehub config set users.open_signup false` (only the roster signs in), "
                        + "or turn on HTTPS",
                lines.get(lines.size() - 1));
        HubStatus.SignIn overHttps = SignInPolicy.of(io.littlehub.common.config.HubConfig.load(
                "users: {open_signup: true}\nhttps: {enabled: true, domains: [hub.example.org]}\n"));
        assertEquals(
                new HubStatus.SignIn("firstuse", true, null),
                overHttps,
                "over HTTPS it is the teacher's choice, no warning");
    }

    @Test
    void theCertificatesExpiryOrWhyThereIsNone() {
        HubStatus s = status(List.of(), null, Map.of());
        HubStatus served = new HubStatus(
                s.time(),
                s.hub(),
                s.proxy(),
                s.timers(),
                s.release(),
                s.students(),
                s.memory(),
                s.cpu(),
                s.disks(),
                null,
                new HubStatus.Certificate("2025-05-01T10:00:00Z", "hub.example.org, from R11, 58 days left"),
                Map.of(),
                s.sign_in(),
                List.of());
        assertEquals(
                "https     certificate expires 2025-05-01 10:00 UTC (hub.example.org, from R11, 58 days left)",
                StatusReport.lines(served).get(9));
        HubStatus none = new HubStatus(
                s.time(),
                s.hub(),
                s.proxy(),
                s.timers(),
                s.release(),
                s.students(),
                s.memory(),
                s.cpu(),
                s.disks(),
                null,
                null,
                Map.of("certificate", "no certificate served for hub.example.org on port 443"),
                s.sign_in(),
                List.of());
        assertEquals(
                "https     unknown (see the problem below)",
                StatusReport.lines(none).get(9));
    }

    @Test
    void aMissingUnitIsNotInstalled() {
        assertEquals(
                "not installed (littlehub-proxy.service not found)",
                StatusReport.unit(new HubStatus.Unit(
                        "littlehub-proxy.service", "not-found", "inactive", "dead", null, null, null)));
    }

    @Test
    void durationsAndSizesInTheirTwoLargestUnits() {
        assertEquals("45 s", StatusReport.duration(45));
        assertEquals("12 min", StatusReport.duration(12 * 60 + 5));
        assertEquals("2 d 4 h", StatusReport.duration(2 * 86_400 + 4 * 3600 + 59));
        assertEquals("512 B", StatusReport.size(512));
        assertEquals("1.5 KiB", StatusReport.size(1536));
        assertEquals("2.0 TiB", StatusReport.size(2L << 40));
        assertEquals("8192.0 TiB", StatusReport.size(8L << 50));
    }
}
