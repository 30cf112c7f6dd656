package io.littlehub.testvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.testvm.junit.TestVm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The QEMU backend: a full VM with its own kernel, so reboots and cgroup v2 are real. One VM for the class (boots are slow under TCG). */
class QemuVmIT {
    @TestVm(backend = "qemu", name = "qemu-check")
    static Vm vm;

    @Test
    void runsItsOwnKernelWithEnforcedLimitsAndSurvivesAReboot() {
        String hostKernel = HostCommand.check("uname", "-r").strip();
        assertNotEquals(hostKernel, vm.check("uname", "-r").strip(), "the guest boots its own kernel");
        assertEquals(
                "cgroup2fs",
                vm.check("stat", "-f", "-c", "%T", "/sys/fs/cgroup").strip());
        assertEquals("running", vm.check("systemctl", "is-system-running").strip());
        VmSsh.Result killed = vm.exec(
                "sudo",
                "systemd-run",
                "--wait",
                "--pipe",
                "--collect",
                "-p",
                "MemoryMax=64M",
                "-p",
                "MemorySwapMax=0",
                "python3",
                "-c",
                "x = 'x' * (200 << 20); print('survived')");
        assertNotEquals(0, killed.exitCode());
        assertFalse(killed.stdout().contains("survived"));

        vm.check("sudo", "touch", "/var/lib/reboot-marker");
        String bootId = vm.check("cat", "/proc/sys/kernel/random/boot_id").strip();
        // Scheduled a second later, so this command returns before the connection drops.
        vm.check("sudo", "systemd-run", "--on-active=1", "systemctl", "reboot");
        vm.close();
        // Wait for the old system to go down, then for SSH to come back on the same port.
        String newBootId = bootId;
        long deadline = System.currentTimeMillis() + 300_000;
        while (newBootId.equals(bootId) && System.currentTimeMillis() < deadline) {
            HostProcesses.sleep(2000);
            try {
                newBootId = vm.check("cat", "/proc/sys/kernel/random/boot_id").strip();
            } catch (HarnessException e) {
                vm.close();
            }
        }
        assertNotEquals(bootId, newBootId, "the VM rebooted");
        assertEquals(0, vm.exec("test", "-e", "/var/lib/reboot-marker").exitCode(), "disk state survives a reboot");
    }

    /**
     * Why hub servers get MemorySwapMax=0: with swap on, MemoryMax alone lets a process grow past its limit into swap;
     * with MemorySwapMax=0 it is killed at the limit (cgroup v2, what every supported OS boots with).
     */
    @Test
    void swapLetsAProcessPastMemoryMaxUnlessMemorySwapMaxIsZero() {
        vm.check("sudo", "dd", "if=/dev/zero", "of=/swapfile", "bs=1M", "count=256", "status=none");
        vm.check("sudo", "chmod", "600", "/swapfile");
        vm.check("sudo", "mkswap", "/swapfile");
        vm.check("sudo", "swapon", "/swapfile");
        try {
            List<String> grow = List.of("python3", "-c", "x = 'x' * (200 << 20); print('survived')");
            VmSsh.Result swapped = vm.exec(concat(
                    List.of("sudo", "systemd-run", "--wait", "--pipe", "--collect", "-p", "MemoryMax=64M"), grow));
            assertEquals(0, swapped.exitCode(), swapped.stderr());
            assertTrue(swapped.stdout().contains("survived"), "without MemorySwapMax the process swaps past its limit");
            VmSsh.Result killed = vm.exec(concat(
                    List.of(
                            "sudo",
                            "systemd-run",
                            "--wait",
                            "--pipe",
                            "--collect",
                            "-p",
                            "MemoryMax=64M",
                            "-p",
                            "MemorySwapMax=0"),
                    grow));
            assertNotEquals(0, killed.exitCode());
            assertFalse(killed.stdout().contains("survived"), "with MemorySwapMax=0 it is killed at the limit");
        } finally {
            vm.check("sudo", "swapoff", "/swapfile");
            vm.check("sudo", "rm", "/swapfile");
        }
    }

    private static String[] concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    @Test
    void resetThrowsAwayTheDiskChanges() {
        TestVms vms = TestVms.open();
        vm.check("sudo", "touch", "/var/lib/reset-marker");
        vm.close();
        VmState before = vm.state();
        Vm fresh = vms.reset(vm.name());
        assertEquals(1, fresh.exec("test", "-e", "/var/lib/reset-marker").exitCode());
        assertEquals(before.sshPort(), fresh.sshPort());
        fresh.close();
        assertEquals(List.of(), HostMounts.under(vms.workspace().vm(vm.name())));
    }
}
