package io.littlehub.testvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.littlehub.testvm.junit.TestVm;
import org.junit.jupiter.api.Test;

/** The Testcontainers backend, for laptops with a Docker engine; skipped with the reason where there is none. */
class DockerVmIT {
    // Per test (not static), so that a host without Docker reports this test as skipped, with the reason.
    @TestVm(backend = "docker")
    Vm vm;

    @Test
    void bootsSystemdWithEnforcedLimitsAndResets() {
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
        vm.check("sudo", "touch", "/etc/littlehub-marker");
        vm.close();
        Vm fresh = TestVms.open().reset(vm.name());
        assertEquals(1, fresh.exec("test", "-e", "/etc/littlehub-marker").exitCode());
        fresh.close();
    }
}
