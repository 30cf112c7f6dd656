package io.littlehub.testvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.testvm.junit.TestVm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The systemd-nspawn backend, proven on booted machines. */
class NspawnVmIT {
    @TestVm(backend = "nspawn")
    static Vm shared;

    @Test
    void sshjReachesARealSystemdMachine() {
        assertEquals("running", shared.check("systemctl", "is-system-running").strip());
        assertEquals(
                "1",
                shared.check("sh", "-c", "ps -o pid= -C systemd | head -n1").strip());
        assertEquals(shared.name(), shared.check("hostname").strip());
        assertEquals("root", shared.check("sudo", "-n", "whoami").strip());
        VmSsh.Result sudoWarning = shared.exec("sudo", "-n", "true");
        assertEquals("", sudoWarning.stderr(), "sudo must not warn (the VM's name resolves)");
    }

    @Test
    void memoryMaxKillsAnOverLimitProcess() {
        VmSsh.Result r = shared.exec(
                "sudo",
                "systemd-run",
                "--wait",
                "--pipe",
                "--collect",
                "-p",
                "MemoryMax=64M",
                "python3",
                "-c",
                "x = 'x' * (200 << 20); print('survived')");
        assertNotEquals(0, r.exitCode());
        assertFalse(r.stdout().contains("survived"));
        assertTrue(r.stderr().contains("result: signal") || r.stderr().contains("oom-kill"), r.stderr());
    }

    @Test
    void cpuQuotaThrottlesABusyLoop() {
        // 1.5 s of a busy loop at CPUQuota=20% may use about 0.3 s of CPU; unthrottled it would use about 1.5 s.
        String used = shared.check(
                "sudo",
                "systemd-run",
                "--wait",
                "--pipe",
                "--collect",
                "-p",
                "CPUQuota=20%",
                "python3",
                "-c",
                "import time,os\nend=time.time()+1.5\nwhile time.time()<end: pass\nt=os.times()\nprint(t.user+t.system)");
        assertTrue(Double.parseDouble(used.strip()) < 0.8, "CPU seconds used under a 20% quota: " + used);
    }

    @Test
    void reachesThePackageRegistriesThroughNat() {
        VmSsh.Result r = shared.exec("sudo", "apt-get", "update", "-q");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    }

    @Test
    void resetThrowsAwayChanges() {
        TestVms vms = TestVms.open();
        Vm vm = vms.up("reset-check", TestVms.UpOptions.defaults().owned(true));
        try {
            vm.check("sudo", "touch", "/etc/littlehub-marker");
            vm.check("touch", "/home/tester/marker");
            String hostKey = vm.check("cat", "/etc/ssh/ssh_host_ed25519_key.pub");
            vm.close();
            Vm again = vms.reset("reset-check");
            assertEquals(
                    "running", again.check("systemctl", "is-system-running").strip());
            assertEquals(1, again.exec("test", "-e", "/etc/littlehub-marker").exitCode());
            assertEquals(1, again.exec("test", "-e", "/home/tester/marker").exitCode());
            assertNotEquals(
                    hostKey, again.check("cat", "/etc/ssh/ssh_host_ed25519_key.pub"), "a reset VM gets new host keys");
            again.close();
        } finally {
            vms.down("reset-check");
        }
    }

    @Test
    void twoVmsRunAtOnceWithTheirOwnAddressesAndPorts() {
        TestVms vms = TestVms.open();
        Vm a = vms.up("pair-a", TestVms.UpOptions.defaults().owned(true));
        Vm b = vms.up("pair-b", TestVms.UpOptions.defaults().owned(true));
        try {
            assertNotEquals(a.sshPort(), b.sshPort());
            assertNotEquals(a.httpPort(), b.httpPort());
            assertEquals("pair-a", a.check("hostname").strip());
            assertEquals("pair-b", b.check("hostname").strip());
            String addrA = a.check("ip", "-4", "-o", "addr", "show", "host0");
            String addrB = b.check("ip", "-4", "-o", "addr", "show", "host0");
            assertNotEquals(addrA, addrB);
            // Each VM's port 80 is forwarded to its own host port.
            a.check(
                    "sudo",
                    "systemd-run",
                    "--unit",
                    "web",
                    "python3",
                    "-m",
                    "http.server",
                    "80",
                    "--directory",
                    "/etc");
            assertTrue(waitForHttp(a.httpPort()), "VM a serves on its forwarded http port");
            assertFalse(httpOk(b.httpPort()), "VM b serves nothing on its own http port");
        } finally {
            a.close();
            b.close();
            vms.down("pair-a");
            vms.down("pair-b");
        }
    }

    /**
     * The same unit name in two VMs is two cgroups: each VM's 50 MB fits its own 64M limit (before each VM had
     * cgroups of its own, both units were one 64M host cgroup and the second allocation got the first OOM-killed),
     * and stopping the unit in one VM leaves the other's running.
     */
    @Test
    void sameUnitNameInTwoVmsIsTwoCgroups() {
        TestVms vms = TestVms.open();
        Vm a = vms.up("cgroup-a", TestVms.UpOptions.defaults().owned(true));
        Vm b = vms.up("cgroup-b", TestVms.UpOptions.defaults().owned(true));
        try {
            for (Vm vm : List.of(a, b)) {
                vm.check(
                        "sudo",
                        "systemd-run",
                        "--unit=same-name",
                        "-p",
                        "MemoryMax=64M",
                        "-p",
                        "MemorySwapMax=0",
                        "python3",
                        "-c",
                        "import time\nx = bytearray(50 << 20)\nx[::4096] = b'y' * len(x[::4096])\n"
                                + "open('/run/allocated', 'w').close()\ntime.sleep(600)");
                assertTrue(waitFor(() -> vm.exec("test", "-e", "/run/allocated").ok()), vm.name() + " allocated 50 MB");
            }
            for (Vm vm : List.of(a, b)) {
                assertEquals(
                        "active",
                        vm.exec("systemctl", "is-active", "same-name").stdout().strip(),
                        () -> vm.name() + "'s unit survives: " + vm.check("sudo", "journalctl", "-u", "same-name"));
            }
            a.check("sudo", "systemctl", "stop", "same-name");
            assertEquals(
                    "inactive",
                    a.exec("systemctl", "is-active", "same-name").stdout().strip());
            assertEquals(
                    "active",
                    b.exec("systemctl", "is-active", "same-name").stdout().strip(),
                    "b's unit runs on");
        } finally {
            a.close();
            b.close();
            vms.down("cgroup-a");
            vms.down("cgroup-b");
        }
    }

    @Test
    void aHomeDiskOfItsOwnFillsAloneAndGoesWithTheVm() {
        TestVms vms = TestVms.open();
        Vm vm = vms.up(
                "home-disk-check", TestVms.UpOptions.defaults().withHomeDisk(64).owned(true));
        VmState state = vm.state();
        try {
            // SSH answered as tester, whose key lives in /home/tester: the tree's /home was copied onto the disk.
            String[] df = vm.check("df", "-P", "--block-size=1M", "/home")
                    .lines()
                    .skip(1)
                    .findFirst()
                    .orElseThrow()
                    .split("\\s+");
            int total = Integer.parseInt(df[1]);
            assertTrue(total > 40 && total <= 64, "/home is the 64 MiB disk: " + String.join(" ", df));
            assertEquals("/home", df[5]);
            VmSsh.Result fill = vm.exec("dd", "if=/dev/zero", "of=/home/tester/big", "bs=1M", "count=100");
            assertNotEquals(0, fill.exitCode());
            assertTrue(fill.stderr().contains("No space left on device"), fill.stderr());
            assertEquals(
                    0,
                    vm.exec("dd", "if=/dev/zero", "of=/var/tmp/more", "bs=1M", "count=8")
                            .exitCode(),
                    "the root filesystem still has room");
            vm.close();
            Vm again = vms.reset("home-disk-check");
            assertEquals(1, again.exec("test", "-e", "/home/tester/big").exitCode(), "a reset makes the disk anew");
            again.close();
        } finally {
            vms.down("home-disk-check");
        }
        assertEquals(List.of(), Leftovers.of(vms.workspace(), state));
    }

    @Test
    void downLeavesNothingBehind() {
        TestVms vms = TestVms.open();
        Vm vm = vms.up("teardown-check", TestVms.UpOptions.defaults().owned(true));
        VmState state = vm.state();
        assertFalse(Leftovers.of(vms.workspace(), state).isEmpty(), "a running VM has host resources to find");
        vm.close();
        vms.down("teardown-check");
        assertEquals(List.of(), Leftovers.of(vms.workspace(), state));
    }

    @Test
    void aKilledTestJvmsVmIsRemovedAtTheNextStart() throws Exception {
        Process child = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OwnedVmMain.class.getName(),
                        "killed-owner"))
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null && !line.startsWith("UP ")) {
            seen.append(line).append('\n');
        }
        assertTrue(line != null, "child JVM did not boot its VM:\n" + seen);
        VmState state = VmState.JSON.readValue(line.substring(3), VmState.class);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        TestVms vms = new TestVms(Workspace.fromEnvironment());
        assertTrue(
                vms.list().stream().anyMatch(v -> v.name().equals("killed-owner")),
                "the orphan is still there before a sweep");
        vms.sweep();
        assertTrue(vms.list().stream().noneMatch(v -> v.name().equals("killed-owner")));
        assertEquals(List.of(), Leftovers.of(vms.workspace(), state));
    }

    @Test
    void aSnapshotIsWhereLaterVmsStartAndReturnOnReset() {
        TestVms vms = TestVms.open();
        if (vms.hasSnapshot("snap-check")) {
            vms.deleteSnapshot("snap-check");
        }
        Vm origin = vms.up("snap-origin", TestVms.UpOptions.defaults().owned(true));
        try {
            origin.check("sudo", "sh", "-c", "echo provisioned > /etc/littlehub-state");
            origin.close();
            vms.snapshot("snap-origin", "snap-check");
            assertEquals(
                    "provisioned",
                    origin.check("cat", "/etc/littlehub-state").strip(),
                    "the origin runs on after its snapshot");
            Vm copy = vms.up(
                    "snap-copy",
                    TestVms.UpOptions.defaults().fromSnapshot("snap-check").owned(true));
            assertEquals(
                    "provisioned", copy.check("cat", "/etc/littlehub-state").strip());
            assertEquals("snap-copy", copy.check("hostname").strip());
            copy.check("sudo", "rm", "/etc/littlehub-state");
            copy.close();
            Vm reset = vms.reset("snap-copy");
            assertEquals(
                    "provisioned", reset.check("cat", "/etc/littlehub-state").strip(), "reset returns to the snapshot");
            reset.close();
        } finally {
            origin.close();
            vms.down("snap-copy");
            vms.down("snap-origin");
            vms.deleteSnapshot("snap-check");
        }
    }

    static boolean waitFor(java.util.function.BooleanSupplier condition) {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            HostProcesses.sleep(200);
        }
        return false;
    }

    static boolean waitForHttp(int port) {
        return waitFor(() -> httpOk(port));
    }

    static boolean httpOk(int port) {
        try {
            var c = (java.net.HttpURLConnection) new java.net.URL("http://127.0.0.1:" + port + "/").openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
