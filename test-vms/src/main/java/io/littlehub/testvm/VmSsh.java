package io.littlehub.testvm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/**
 * An SSH connection (sshj) to a test VM as its sudo user. Test VMs are disposable and get new host keys on every
 * reset, so host keys are not checked here; the product's own transport checks them.
 */
public final class VmSsh implements AutoCloseable {
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final SSHClient client;

    private VmSsh(SSHClient client) {
        this.client = client;
    }

    public static VmSsh connect(VmState vm) throws IOException {
        return connect(vm, new SSHClient());
    }

    /**
     * A connection for a quick look at a VM that may be going down: a rebooting machine takes its connections along
     * without closing them, so keep-alives (and a read timeout while connecting) end this one within about 10 s instead
     * of leaving a command waiting forever.
     */
    private static VmSsh probe(VmState vm) throws IOException {
        DefaultConfig config = new DefaultConfig();
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient c = new SSHClient(config);
        c.getConnection().getKeepAlive().setKeepAliveInterval(2);
        c.setTimeout(10_000);
        return connect(vm, c);
    }

    private static VmSsh connect(VmState vm, SSHClient c) throws IOException {
        c.addHostKeyVerifier(new PromiscuousVerifier());
        c.setConnectTimeout(5000);
        try {
            c.connect("127.0.0.1", vm.sshPort());
            c.authPublickey(vm.user(), c.loadKeys(Path.of(vm.identity()).toString()));
            return new VmSsh(c);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Waits until the VM accepts an SSH login, from a boot other than {@code previousBootId} when that is given (a VM
     * going down for a reboot may still answer for a moment), or fails after {@code timeout} with the last error.
     */
    static VmSsh await(
            VmState vm, Duration timeout, java.util.function.BooleanSupplier stillRunning, String previousBootId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            if (!stillRunning.getAsBoolean()) {
                throw new HarnessException("VM " + vm.name() + " stopped while booting");
            }
            try {
                if (previousBootId == null || fromNewBoot(vm, previousBootId)) {
                    return connect(vm);
                }
                last = "it still answered from the boot before (boot id " + previousBootId + ")";
            } catch (IOException | RuntimeException e) {
                last = e.getMessage();
            }
            HostProcesses.sleep(200);
        }
        throw new HarnessException("VM " + vm.name() + " did not accept SSH on 127.0.0.1:" + vm.sshPort() + " within "
                + timeout.toSeconds() + " s: " + last);
    }

    private static boolean fromNewBoot(VmState vm, String previousBootId) throws IOException {
        try (VmSsh probe = probe(vm)) {
            return !probe.bootId().equals(previousBootId);
        }
    }

    /** The kernel's id of the running boot: it changes with every boot, so it shows whether a reboot happened. */
    public String bootId() {
        return check("cat", "/proc/sys/kernel/random/boot_id").strip();
    }

    /** Runs a program in the VM; each argument is quoted for the remote shell, so nothing in it is interpreted. */
    public Result exec(String... argv) {
        return shell(List.of(argv).stream().map(VmSsh::quote).collect(Collectors.joining(" ")));
    }

    /** Runs a script with the login shell: for fixed test scripts only, never for values from outside. */
    public Result shell(String script) {
        try (Session session = client.startSession()) {
            Session.Command cmd = session.exec(script);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(cmd.getErrorStream(), err));
            errReader.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(cmd.getInputStream(), out);
            errReader.join(TimeUnit.SECONDS.toMillis(30));
            cmd.join(30, TimeUnit.SECONDS);
            cmd.close();
            Integer status = cmd.getExitStatus();
            return new Result(
                    status == null ? -1 : status,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HarnessException("ssh command failed: " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted", e);
        }
    }

    /** Like {@link #exec} but throws with the command's stderr when it fails. */
    public String check(String... argv) {
        Result r = exec(argv);
        if (!r.ok()) {
            throw new HarnessException("in the VM, `" + String.join(" ", argv) + "` failed (exit " + r.exitCode()
                    + "): " + r.stderr().strip());
        }
        return r.stdout();
    }

    public SSHClient client() {
        return client;
    }

    static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // The channel closed: what was read is kept.
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // Already disconnected.
        }
    }
}
