package io.littlehub.testvm;

import java.io.IOException;

/** A running test VM as a test sees it: where to reach it, and commands over SSH as its sudo user. */
public final class Vm implements AutoCloseable {
    /**
     * How long this boot took: converting another backend's snapshot for it (0 when none was needed or one was cached),
     * from starting the machine (or its reboot) to SSH answering, then the reality check.
     */
    public record Timings(long conversionMillis, long bootToSshMillis, long realityCheckMillis) {}

    private final VmState state;
    private final Timings timings;
    private VmSsh ssh;

    Vm(VmState state, Timings timings) {
        this.state = state;
        this.timings = timings;
    }

    /** Null when {@code up} found the VM already running. */
    public Timings timings() {
        return timings;
    }

    public VmState state() {
        return state;
    }

    public String name() {
        return state.name();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int sshPort() {
        return state.sshPort();
    }

    public int httpPort() {
        return state.httpPort();
    }

    public int httpsPort() {
        return state.httpsPort();
    }

    public String user() {
        return state.user();
    }

    public java.nio.file.Path identity() {
        return java.nio.file.Path.of(state.identity());
    }

    /** The shared SSH connection, reconnected if it dropped (for example after a reboot). */
    public synchronized VmSsh ssh() {
        if (ssh == null || !ssh.client().isConnected() || !ssh.client().isAuthenticated()) {
            close();
            try {
                ssh = VmSsh.connect(state);
            } catch (IOException e) {
                throw new HarnessException("cannot reach VM " + name() + " over SSH: " + e.getMessage(), e);
            }
        }
        return ssh;
    }

    public VmSsh.Result exec(String... argv) {
        return ssh().exec(argv);
    }

    public String check(String... argv) {
        return ssh().check(argv);
    }

    /** See {@link VmSsh#bootId}. */
    public String bootId() {
        return ssh().bootId();
    }

    @Override
    public synchronized void close() {
        if (ssh != null) {
            ssh.close();
            ssh = null;
        }
    }
}
