package io.littlehub.cli.operate;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.common.ExitCodes;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code littlehub ssh [-- COMMAND…]}: the system {@code ssh} to the hub's VM with the settings the hub was
 * provisioned with ({@link SshArgv}); its exit code is the command's. On a terminal ssh gets the terminal itself
 * (a login shell, full-screen programs, Ctrl-C on the VM); when the context's output is not the process's own (tests
 * capture it), ssh's output is copied there and its input is empty.
 */
public final class SshLogin {
    private final ConfigContext ctx;
    private final String program;

    public SshLogin(ConfigContext ctx) {
        this(ctx, "ssh");
    }

    /** {@code program}: the ssh client to run (tests name one that does not exist). */
    SshLogin(ConfigContext ctx, String program) {
        this.ctx = ctx;
        this.program = program;
    }

    public int run(String hubName, List<String> command) {
        Hub hub = HubConnections.find(ctx.registry(), hubName);
        Path knownHosts = HubConnections.ssh(ctx, hub).knownHosts();
        ProcessBuilder pb = new ProcessBuilder(SshArgv.of(program, hub, knownHosts, command));
        boolean terminal = ctx.out() == System.out && ctx.err() == System.err;
        if (terminal) {
            pb.inheritIO();
        } else {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process ssh;
        try {
            ssh = pb.start();
        } catch (IOException e) {
            ctx.err()
                    .println(
                            "littlehub: cannot run `" + program + "` (" + e.getMessage()
                                    + "): install the OpenSSH client"
                                    + " (Debian, Ubuntu: sudo apt install openssh-client; macOS and Windows 10+ have it) and check that ssh is on your PATH");
            return ExitCodes.FAILED;
        }
        return terminal ? waitFor(ssh) : copyOutput(ssh);
    }

    private int copyOutput(Process ssh) {
        Thread errors = new Thread(() -> copy(ssh.getErrorStream(), ctx.err()));
        errors.start();
        copy(ssh.getInputStream(), ctx.out());
        try {
            errors.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return waitFor(ssh);
    }

    private static void copy(InputStream from, OutputStream to) {
        try (from) {
            from.transferTo(to);
            to.flush();
        } catch (IOException pipeClosed) {
            // ssh ended (or was killed) while writing: what it wrote so far has been copied.
        }
    }

    private int waitFor(Process ssh) {
        try {
            return ssh.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ssh.destroy();
            ctx.err().println("littlehub: interrupted; ssh was stopped");
            return ExitCodes.FAILED;
        }
    }
}
