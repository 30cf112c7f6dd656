package io.littlehub.agent.ops;

import io.littlehub.common.machine.FileState;
import io.littlehub.common.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A random secret generated once (cookie secret, proxy token) and kept: later runs only fix its owner and mode.
 * The file holds {@code prefix} + the secret in hex, e.g. prefix "CONFIGPROXY_AUTH_TOKEN=" for a systemd EnvironmentFile.
 * With {@code renewIfLonger}, a secret longer than the {@code 2 * bytes} hex characters this writes (one an earlier
 * release wrote with more bytes) is replaced by a new one: JupyterHub refuses API tokens beyond a length.
 */
public record Secret(String path, int bytes, String prefix, boolean renewIfLonger, String owner, String group, int mode)
        implements Operation<Secret.Facts> {
    private static final SecureRandom RANDOM = new SecureRandom();

    public Secret(String path, int bytes, String prefix, String owner, String group, int mode) {
        this(path, bytes, prefix, false, owner, group, mode);
    }

    /** The file's state, and the length of the secret it holds (after the prefix); -1 when not read. */
    public record Facts(Optional<FileState> file, int length) {
        public static final Facts MISSING = new Facts(Optional.empty(), -1);
    }

    @Override
    public Facts gather(Machine machine) {
        Optional<FileState> file = machine.stat(path);
        if (!renewIfLonger || file.isEmpty()) {
            return new Facts(file, -1);
        }
        String text = new String(machine.read(path).orElse(new byte[0]), StandardCharsets.UTF_8).strip();
        return new Facts(file, text.startsWith(prefix) ? text.length() - prefix.length() : text.length());
    }

    @Override
    public List<Action> plan(Facts facts) {
        if (facts.file().isEmpty()
                || facts.file().get().sha256() == null
                || renewIfLonger && facts.length() > 2 * bytes) {
            byte[] b = new byte[bytes];
            RANDOM.nextBytes(b);
            return List.of(
                    new Action.WriteFile(path, prefix + HexFormat.of().formatHex(b) + "\n", owner, group, mode, true));
        }
        FileState f = facts.file().get();
        if (!f.owner().equals(owner) || !f.group().equals(group) || f.mode() != mode) {
            return List.of(new Action.SetAttributes(path, owner, group, mode));
        }
        return List.of();
    }
}
