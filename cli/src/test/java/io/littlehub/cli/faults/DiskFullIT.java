package io.littlehub.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.common.ExitCodes;
import io.littlehub.testvm.TestVms;
import io.littlehub.testvm.Vm;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: one student fills the disk of /home and the hub carries on. On an nspawn VM from the provisioned snapshot
 * whose /home is a small ext4 filesystem of its own (the harness's home disk: a loop device on the host, bound in), as
 * on a hub whose homes are a separate disk; the hub's state, database and journal stay on the root filesystem.
 *
 * <p>One student writes from a kernel until the disk is full (ENOSPC); another's running server still runs cells; a
 * third still signs in (the hub's database records it) and is refused a server at once with the reason; {@code
 * students} names who uses the space, {@code doctor} reports the full disk naming them and {@code status} names them
 * on that disk's line and exits 1 with a problem line saying what frees space. Once the space is freed status exits 0
 * and the third gets a server. Per-student quotas ({@code limits.disk}):
 * {@link DiskQuotaBtrfsIT} on nspawn (btrfs quota groups), {@link DiskQuotaIT} on QEMU (ext4 user quotas, a format
 * this host's kernel lacks).
 */
class DiskFullIT {
    /** Writes 1 MiB at a time until the filesystem refuses; the kernel's answer is (MiB written, errno name). */
    static final String FILL = "import errno\nn = 0\ntry:\n    with open('big', 'wb') as f:\n"
            + "        while True:\n            f.write(b'x' * 2**20); f.flush(); n += 1\nexcept OSError as e:\n"
            + "    r = (n, errno.errorcode[e.errno])\nr";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOME_MB = 160;
    private static final Duration START = Duration.ofSeconds(180);
    private static final String LAST_ACTIVITY = "import sqlite3; print(sqlite3.connect("
            + "'file:/opt/littlehub/state/jupyterhub.sqlite?mode=ro', uri=True).execute("
            + "\"select last_activity from users where name = 'late'\").fetchone())";

    static TeacherLaptop laptop;
    static Vm vm;

    @BeforeAll
    static void bootWithASmallHome() throws Exception {
        laptop = TeacherLaptop.boot(
                "dsk-" + ProcessHandle.current().pid(),
                TestVms.UpOptions.defaults().withHomeDisk(HOME_MB));
        vm = laptop.vm;
        System.out.println("DiskFullIT: " + vm.check("df", "-h", "/home", "/opt/littlehub"));
    }

    @AfterAll
    static void down() {
        if (laptop != null) {
            laptop.close();
        }
    }

    @Test
    void oneStudentFillsHomeAndTheHubCarriesOn() throws Exception {
        long t = System.nanoTime();
        assertNotEquals(
                vm.check("findmnt", "-n", "-o", "SOURCE", "-T", "/home").strip(),
                vm.check("findmnt", "-n", "-o", "SOURCE", "-T", "/opt/littlehub/state")
                        .strip(),
                "/home is a filesystem of its own");
        laptop.ok("add-student", "filler", "calm", "late");
        HubClient filler = laptop.signedInWithServer("filler", START);
        HubClient calm = laptop.signedInWithServer("calm", START);
        // Started before the disk is full: a new kernel writes its connection file into the home.
        String calmKernel = calm.startKernel("calm");
        String written = filler.execute("filler", FILL);
        System.out.println("DiskFullIT: filler wrote (MiB, error) " + written);
        assertTrue(written.contains("'ENOSPC'"), written);
        assertEquals("2", calm.executeIn("calm", calmKernel, "1 + 1"), "a running kernel still runs cells");

        String before = vm.check("sudo", "python3", "-c", LAST_ACTIVITY).strip();
        HubClient late = new HubClient(laptop.base);
        HttpResponse<String> signIn = late.login("late", "late-password");
        assertEquals(200, signIn.statusCode());
        assertFalse(signIn.uri().getPath().endsWith("/hub/login"), "late signs in: " + signIn.uri());
        String after = vm.check("sudo", "python3", "-c", LAST_ACTIVITY).strip();
        assertTrue(
                !after.equals("(None,)") && !after.equals(before),
                "the hub's database recorded the sign-in: " + before + " -> " + after);

        long asked = System.nanoTime();
        HttpResponse<String> start = late.postServer("late");
        String progress = late.get("/hub/api/users/late/server/progress").body();
        long refusedMillis = (System.nanoTime() - asked) / 1_000_000;
        System.out.printf(
                "DiskFullIT: late's start answered in %d ms: %s%n%s%n", refusedMillis, start.body(), progress);
        assertTrue(
                (start.body() + progress).contains("The disk of the students' files is full")
                        && (start.body() + progress).contains("littlehub doctor names who uses the space"),
                start.body() + "\n" + progress);
        assertTrue(refusedMillis < 20_000, "refused at once, not after a timeout: " + refusedMillis + " ms");

        JsonNode students = JSON.readTree(laptop.ok("students", "--json").out());
        String biggest = "";
        long most = -1;
        for (JsonNode s : students) {
            if (s.path("home_bytes").asLong() > most) {
                most = s.path("home_bytes").asLong();
                biggest = s.path("name").asText();
            }
        }
        assertEquals("filler", biggest, "students names who uses the space: " + students);
        TeacherLaptop.Run doctor = laptop.littlehub("doctor");
        System.out.println("DiskFullIT: doctor: " + doctor.out());
        assertTrue(
                doctor.out()
                        .matches("(?s).*FAIL\\s+disk\\s+/home \\(/home\\) is \\d+% full:[^\\n]*"
                                + "the biggest homes: filler 1\\d\\d\\.\\d MiB.*"),
                "doctor reports the full disk and names the student: " + doctor);
        TeacherLaptop.Run status = laptop.littlehub("status");
        System.out.println("DiskFullIT: status: " + status.out());
        assertTrue(
                status.out()
                        .matches("(?s).*disk\\s+/home: [^\\n]* free of [^\\n]* \\(/home\\);"
                                + " the biggest homes: filler 1\\d\\d\\.\\d MiB.*"),
                "status names who fills the disk: " + status);
        assertEquals(ExitCodes.FAILED, status.exit(), "a full disk needs attention, as doctor says: " + status);
        assertTrue(
                status.out()
                        .matches("(?s).*problem\\s+disks: /home \\(/home\\) is \\d+% full: [^\\n]*"
                                + "`littlehub doctor` names the biggest homes; free space: `littlehub students` shows each"
                                + " home's size.*"),
                "status says what to do: " + status);

        // The teacher frees the space: status is content again, and the next start is not refused.
        vm.check("sudo", "rm", "/home/jupyter-filler/big");
        TeacherLaptop.Run freed = laptop.littlehub("status");
        assertEquals(ExitCodes.OK, freed.exit(), "nothing left to attend to: " + freed);
        late.startServer("late", START);
        assertEquals("2", late.execute("late", "1 + 1"));
        System.out.printf("DiskFullIT: done in %d s%n", (System.nanoTime() - t) / 1_000_000_000);
    }
}
