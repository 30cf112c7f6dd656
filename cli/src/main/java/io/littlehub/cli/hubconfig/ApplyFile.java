package io.littlehub.cli.hubconfig;

import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.remote.AgentOptions;
import io.littlehub.cli.remote.ConfigCommands;
import io.littlehub.cli.remote.FileCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.common.config.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * {@code littlehub config apply FILE}: the whole file becomes the hub's config. It is uploaded beside the live config
 * (root, 0640, a name of its own so two teachers never share one), then {@code littlehub-agent config apply} checks it
 * (the VM's agent is the authority: its validator is the one the hub runs with), takes the lock, applies it and rolls
 * back if the hub does not come up. The staged copy is removed afterwards whatever happened.
 */
public final class ApplyFile {
    private final ConfigContext ctx;

    public ApplyFile(ConfigContext ctx) {
        this.ctx = ctx;
    }

    /** @param restart what the change may do when it restarts the hub while people are active */
    public int run(String hubName, Path file, boolean json, Integer waitSeconds, RestartChoice restart) {
        if (!Files.isRegularFile(file)) {
            ctx.err().println("littlehub: no such file: " + file);
            return io.littlehub.common.ExitCodes.USAGE;
        }
        Hub hub = HubConnections.find(ctx.registry(), hubName);
        try (RemoteHost host = HubConnections.connect(ctx, hub)) {
            return apply(host, file, json, waitSeconds, restart);
        }
    }

    /** Uploads {@code file} and applies it over an open connection (also the last step of {@code edit}). */
    int apply(RemoteHost host, Path file, boolean json, Integer waitSeconds, RestartChoice restart) {
        String staged = stagedPath("edit");
        host.uploadAsRoot(file, staged, 0640);
        AgentOptions options = new AgentOptions(json, waitSeconds, LockOwner.of(ctx.env()));
        try {
            return restart.run(
                    ctx,
                    json,
                    restartOptions ->
                            AgentPassthrough.run(ctx, host, ConfigCommands.apply(staged, options, restartOptions)));
        } finally {
            host.runAsRoot(FileCommands.remove(staged));
        }
    }

    /** A name beside the live config that no other upload shares: {@code config.yaml.TAG-<12 random hex digits>}. */
    public static String stagedPath(String tag) {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return Layout.CONFIG_FILE + "." + tag + "-" + HexFormat.of().formatHex(b);
    }
}
