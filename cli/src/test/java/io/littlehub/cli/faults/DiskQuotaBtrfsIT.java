package io.littlehub.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.testvm.TestVms;
import io.littlehub.testvm.Vm;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: {@code limits.disk} stops the student who fills their home, and nobody else, on nspawn in CI. This host's
 * kernel has no user-quota format (ext4 with quotas: see {@link DiskQuotaIT}, QEMU), but it keeps btrfs quota groups,
 * so the VM's /home is a small btrfs filesystem of its own (the harness's home disk, as on a hub whose homes are a
 * btrfs disk). littlehub does the rest: {@code config set limits.disk 20M} runs provision's quota step (btrfs-progs,
 * {@code btrfs quota enable}), and the hub makes each new student's home a subvolume limited at their first start.
 *
 * <p>The filler's kernel writes until "Disk quota exceeded" (EDQUOT, at 20 MiB); calm (the same limit of their own)
 * writes 15 MiB and runs cells;
 * late, a student who signs in afterwards, gets a server and runs a cell; {@code doctor} names the filler alone,
 * {@code students} shows the homes' sizes. Unset, the limit goes and the filler writes on.
 */
class DiskQuotaBtrfsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOME_MB = 400;
    private static final Duration START = Duration.ofSeconds(180);

    static TeacherLaptop laptop;
    static Vm vm;

    @BeforeAll
    static void bootWithABtrfsHome() throws Exception {
        laptop = TeacherLaptop.boot(
                "dqb-" + ProcessHandle.current().pid(),
                TestVms.UpOptions.defaults().withHomeDisk(HOME_MB).withHomeDiskFs("btrfs"));
        vm = laptop.vm;
        System.out.println("DiskQuotaBtrfsIT: " + vm.check("findmnt", "-n", "-T", "/home"));
    }

    @AfterAll
    static void down() {
        if (laptop != null) {
            laptop.close();
        }
    }

    private static void log(long since, String what) {
        System.out.printf("DiskQuotaBtrfsIT: %s at %d s%n", what, (System.nanoTime() - since) / 1_000_000_000);
    }

    @Test
    void limitsDiskStopsTheFillingStudentAloneAndUnsetLiftsIt() throws Exception {
        try {
            fillAloneThenUnset();
        } catch (Exception | AssertionError e) {
            System.out.println("DiskQuotaBtrfsIT: the hub's journal:\n"
                    + vm.check("sudo", "journalctl", "-u", "jupyterhub", "-n", "80", "--no-pager"));
            throw e;
        }
    }

    private void fillAloneThenUnset() throws Exception {
        long t = System.nanoTime();
        laptop.ok("add-student", "early");
        laptop.signedInWithServer("early", START); // a home made before limits.disk: a plain folder
        log(t, "early's home made");
        laptop.ok("config", "set", "limits.disk", "20M");
        log(t, "limits.disk 20M set");
        vm.check("sudo", "btrfs", "qgroup", "show", "/home"); // fails unless provision turned quota groups on
        laptop.ok("add-student", "filler", "calm", "late");
        HubClient filler = laptop.signedInWithServer("filler", START);
        HubClient calm = laptop.signedInWithServer("calm", START);
        log(t, "two servers up");
        String group = vm.check("sudo", "btrfs", "qgroup", "show", "--raw", "-rf", "/home/jupyter-filler");
        assertTrue(
                group.contains(" 20971520 "), "the hub made the filler's home a subvolume limited to 20 MiB: " + group);

        String written = filler.execute("filler", DiskFullIT.FILL);
        System.out.println("DiskQuotaBtrfsIT: filler wrote (MiB, error) " + written);
        assertTrue(written.contains("'EDQUOT'"), "Disk quota exceeded: " + written);
        assertEquals(
                "(15, 2)",
                calm.execute("calm", "open('mine', 'wb').write(b'y' * 15 * 2**20) // 2**20, 1 + 1"),
                "the others are untouched: calm writes 15 MiB (below their own 20 MiB) and runs cells");
        HubClient late = laptop.signedInWithServer("late", START);
        assertEquals("2", late.execute("late", "1 + 1"), "a student who signs in afterwards runs a cell");
        log(t, "filler stopped, calm and late served");

        TeacherLaptop.Run doctor = laptop.littlehub("doctor");
        System.out.println("DiskQuotaBtrfsIT: doctor: " + doctor.out());
        assertTrue(
                doctor.out().matches("(?s).*jupyter-filler uses (9\\d|1\\d\\d)% of their disk limit.*"),
                "doctor names the student at the limit: " + doctor);
        assertFalse(doctor.out().contains("jupyter-calm uses"), doctor.out());
        assertTrue(
                doctor.out().contains("the homes of jupyter-early are plain folders"),
                "doctor names the home no quota group limits: " + doctor);
        JsonNode students = JSON.readTree(laptop.ok("students", "--json").out());
        System.out.println("DiskQuotaBtrfsIT: students: " + students);
        for (JsonNode s : students) {
            if (s.path("name").asText().equals("filler")) {
                assertTrue(s.path("home_bytes").asLong() >= 19L << 20, "students shows the filler's home: " + s);
            }
        }
        System.out.println("DiskQuotaBtrfsIT: status: " + laptop.ok("status").out());

        laptop.ok("config", "unset", "limits.disk");
        log(t, "limits.disk unset");
        assertEquals(
                "30",
                filler.execute("filler", "open('more', 'wb').write(b'z' * 30 * 2**20) // 2**20"),
                "without the limit the filler writes 30 MiB more");
        log(t, "done");
    }
}
