package io.littlehub.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.testvm.Vm;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 21: a student fills the disk of /home. The test VM's /home is a small ext4 filesystem of its own (a 160 MB
 * image on a loop device, mounted with autoclear so the host's loop device goes with the VM), as on a hub whose homes
 * are a separate disk. One student writes from a kernel until the disk is full; another student's running server
 * still runs cells; a third still signs in (the hub's database is on the root filesystem and records it) and is refused
 * a server at once with the reason; `students` names who uses the space and `doctor` reports the full disk.
 *
 * <p>Not here: per-student quotas (limits.disk). This host's kernel (6.18, CONFIG_QFMT_V2 and CONFIG_XFS_QUOTA not
 * set) refuses to mount an ext4 with the quota feature ("The kernel was not built with CONFIG_QUOTA and
 * CONFIG_QFMT_V2") and has no XFS quotas, whatever nspawn allows (its device cgroup lets the VM use a loop device).
 *
 * <p>Not in the default run yet ({@code -Dlittlehub.diskfull=true}): it has not passed on this host. Its loop mount
 * inside the nspawn VM failed in the merged CI run (2026-12-07, "dmesg(1) may have more information"), while other
 * VMs ran beside it; see issue 21's note.
 */
@EnabledIfSystemProperty(named = "littlehub.diskfull", matches = "true")
class DiskFullIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "/var/tmp/littlehub-home.img";

    @AutoClose
    static TeacherLaptop laptop;

    static Vm vm;

    @BeforeAll
    static void bootWithASmallHome() throws Exception {
        laptop = TeacherLaptop.boot("disk-" + ProcessHandle.current().pid());
        vm = laptop.vm;
        // The VM's /dev has no loop nodes: make the one the kernel says is free, then mount -o loop=it (autoclear).
        vm.check(
                "sudo",
                "sh",
                "-c",
                "test -e /dev/loop-control || mknod /dev/loop-control c 10 237;"
                        + " truncate -s 160M " + IMAGE + " && mkfs.ext4 -q " + IMAGE
                        + " && n=$(losetup -f | sed s,/dev/loop,,) && { test -e /dev/loop$n || mknod /dev/loop$n b 7 $n; }"
                        + " && mkdir -p /mnt/newhome && mount -o loop=/dev/loop$n " + IMAGE + " /mnt/newhome"
                        // The test user's SSH key lives in /home/tester: copied over, then the new filesystem moved
                        // onto /home.
                        + " && cp -a /home/. /mnt/newhome/ && mount --move /mnt/newhome /home");
        System.out.println("DiskFullIT: " + vm.check("df", "-h", "/home").strip());
    }

    @AfterAll
    static void unmount() {
        if (vm != null) {
            vm.exec("sudo", "sh", "-c", "systemctl stop 'jupyter-*-singleuser.service'; umount /home");
        }
    }

    @Test
    void oneStudentFillsHomeAndTheHubCarriesOn() throws Exception {
        laptop.ok("add-student", "filler", "calm", "late");
        HubClient filler = laptop.signedInWithServer("filler");
        HubClient calm = laptop.signedInWithServer("calm");
        // Started before the disk is full: a new kernel writes its connection file into the home.
        String calmKernel = calm.startKernel("calm");
        String written = filler.execute(
                "filler",
                "import errno\nn = 0\ntry:\n    with open('big', 'wb') as f:\n        while True:\n"
                        + "            f.write(b'x' * 2**20); f.flush(); n += 1\nexcept OSError as e:\n"
                        + "    r = (n, errno.errorcode[e.errno])\nr");
        System.out.println("DiskFullIT: filler wrote (MiB, error) " + written);
        assertTrue(written.contains("'ENOSPC'"), written);
        assertEquals("2", calm.executeIn("calm", calmKernel, "1 + 1"), "a running kernel still runs cells");

        HubClient late = new HubClient(laptop.base);
        HttpResponse<String> signIn = late.login("late", "late-password");
        assertEquals(200, signIn.statusCode());
        assertTrue(!signIn.uri().getPath().endsWith("/hub/login"), "late signs in");
        String inDatabase = vm.check(
                "sudo",
                "sqlite3",
                "/opt/littlehub/state/jupyterhub.sqlite",
                "select name from users where name='late'");
        assertEquals("late", inDatabase.strip(), "the hub's database recorded the sign-in");
        HttpResponse<String> start = late.postServer("late");
        String progress = late.get("/hub/api/users/late/server/progress").body();
        System.out.printf(
                "DiskFullIT: late's start answered %d: %s | %s%n", start.statusCode(), start.body(), progress);
        assertTrue(
                (start.body() + progress).contains("The disk of the students' files is full"),
                start.body() + "\n" + progress);

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
        assertTrue(doctor.out().contains("/home") && doctor.out().contains("littlehub students"), doctor.toString());
    }
}
