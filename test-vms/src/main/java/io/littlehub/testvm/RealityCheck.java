package io.littlehub.testvm;

/**
 * Proves a freshly booted VM is a real machine before any test trusts it: systemd reached "running" with no failed
 * units, the machine's cgroups are its own on the host (no other VM shares its units' limits), and a memory limit
 * really kills a process that exceeds it (and spares one that does not). A limit that is configured but not enforced,
 * or enforced on a cgroup another VM shares, would make every later limit test meaningless, so this fails loudly.
 */
final class RealityCheck {
    private static final String ALLOCATE_200M = "x = 'x' * (200 << 20); print('survived', len(x))";

    private RealityCheck() {}

    static void prove(Backend backend, VmState vm, VmSsh ssh) {
        String vmName = vm.name();
        VmSsh.Result state = ssh.exec("systemctl", "is-system-running", "--wait");
        String s = state.stdout().strip();
        if (!s.equals("running")) {
            String failed = ssh.exec("systemctl", "--failed", "--no-legend", "--plain")
                    .stdout()
                    .strip();
            throw new HarnessException("VM " + vmName + " is not a healthy machine: systemctl is-system-running says '"
                    + s + "'" + (failed.isEmpty() ? "" : "; failed units:\n" + failed));
        }
        backend.proveOwnCgroups(vm);
        VmSsh.Result limited = runWithMemoryMax(ssh, "64M");
        if (limited.ok() || limited.stdout().contains("survived")) {
            throw new HarnessException(
                    "LIMIT NOT ENFORCED in VM " + vmName + ": a 200 MB allocation survived MemoryMax=64M "
                            + "(cgroup memory controller not writable or not present). Output: "
                            + limited.stdout().strip() + " " + limited.stderr().strip());
        }
        VmSsh.Result roomy = runWithMemoryMax(ssh, "512M");
        if (!roomy.ok() || !roomy.stdout().contains("survived")) {
            throw new HarnessException(
                    "memory check in VM " + vmName + " is broken: a 200 MB allocation under MemoryMax=512M failed: "
                            + roomy.stdout().strip() + " " + roomy.stderr().strip());
        }
    }

    private static VmSsh.Result runWithMemoryMax(VmSsh ssh, String max) {
        return ssh.exec(
                "sudo",
                "systemd-run",
                "--quiet",
                "--wait",
                "--pipe",
                "--collect",
                "-p",
                "MemoryMax=" + max,
                "-p",
                "MemorySwapMax=0",
                "python3",
                "-c",
                ALLOCATE_200M);
    }
}
