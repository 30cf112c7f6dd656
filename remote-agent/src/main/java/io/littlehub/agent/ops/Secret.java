package io.littlehub.agent.ops;

import io.littlehub.common.machine.FileState;
import io.littlehub.common.machine.Machine;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A random secret generated once (cookie secret, proxy token) and kept: later runs only fix its owner and mode.
 * The file holds {@code prefix} + the secret in hex, e.g. prefix "CONFIGPROXY_AUTH_TOKEN=" for a systemd EnvironmentFile.
 */
public record Secret(String path, int bytes, String prefix, String owner, String group, int mode)
        implements Operation<Optional<FileState>> {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Optional<FileState> gather(Machine machine) {
        return machine.stat(path);
    }

    @Override
    public List<Action> plan(Optional<FileState> facts) {
        if (facts.isEmpty() || facts.get().sha256() == null) {
            byte[] b = new byte[bytes];
            RANDOM.nextBytes(b);
            return List.of(
                    new Action.WriteFile(path, prefix + HexFormat.of().formatHex(b) + "\n", owner, group, mode, true));
        }
        FileState f = facts.get();
        if (!f.owner().equals(owner) || !f.group().equals(group) || f.mode() != mode) {
            return List.of(new Action.SetAttributes(path, owner, group, mode));
        }
        return List.of();
    }
}
