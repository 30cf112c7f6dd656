package io.littlehub.cli.provision;

import io.littlehub.cli.remote.FileCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.LocalMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Puts this CLI's agent jar on the VM, only when the VM's copy differs (compared by SHA-256). */
final class AgentPush {
    static final String RESOURCE = "/io/littlehub/cli/agent/littlehub-agent.jar";

    private AgentPush() {}

    static byte[] agentJar() {
        try (InputStream in = AgentPush.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "this littlehub build carries no agent jar (" + RESOURCE + "): rebuild with `mvn -B package`");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the VM's copy (its SHA-256: {@code remote}) is {@code jar}. */
    static boolean isCurrent(byte[] jar, Optional<String> remote) {
        return remote.isPresent() && remote.get().equals(LocalMachine.sha256(jar));
    }

    /** Returns true when it pushed the jar. */
    static boolean ensure(RemoteHost host, byte[] jar, boolean check) {
        return ensure(host, jar, host.sha256AsRoot(Layout.AGENT_JAR), check);
    }

    /** As above, with the VM's copy's SHA-256 already read ({@code remote}; empty: none). */
    static boolean ensure(RemoteHost host, byte[] jar, Optional<String> remote, boolean check) {
        if (isCurrent(jar, remote)) {
            return false;
        }
        if (check) {
            return true;
        }
        try {
            Path tmp = Files.createTempFile("littlehub-agent", ".jar");
            try {
                Files.write(tmp, jar);
                host.runAsRoot(FileCommands.makeDirectories(
                        Path.of(Layout.AGENT_JAR).getParent().toString()));
                host.uploadAsRoot(tmp, Layout.AGENT_JAR, 0644);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }
}
