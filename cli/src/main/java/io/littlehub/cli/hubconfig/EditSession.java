package io.littlehub.cli.hubconfig;

import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.remote.ConfigCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.Result;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code littlehub config edit}: fetches the hub's config ({@code config show}), lets the teacher edit it in
 * {@link EditLoop}, then uploads and applies it with {@link ApplyFile}. When the VM refuses or rolls back the edit,
 * the edited file is kept on the laptop and its path printed, so no work is lost.
 */
public final class EditSession {
    private final ConfigContext ctx;
    private final Editor editor;

    /** With the teacher's editor ({@link ExternalEditor#fromEnvironment}). */
    public EditSession(ConfigContext ctx) {
        this(ctx, null);
    }

    public EditSession(ConfigContext ctx, Editor editor) {
        this.ctx = ctx;
        this.editor = editor;
    }

    /** @param restart what the change may do when it restarts the hub while people are active */
    public int run(String hubName, boolean yes, boolean json, Integer waitSeconds, RestartChoice restart) {
        Editor chosen;
        try {
            chosen = editor != null ? editor : ExternalEditor.fromEnvironment(ctx.env());
        } catch (IllegalStateException e) {
            ctx.err().println("littlehub: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Hub hub = HubConnections.find(ctx.registry(), hubName);
        try (RemoteHost host = HubConnections.connect(ctx, hub)) {
            // The real file (the agent masks secrets otherwise): what is saved is applied as it is.
            Result current = host.runAsRoot(ConfigCommands.readWithSecrets("show"));
            if (!current.ok()) {
                ctx.err().print(current.stderr());
                ctx.err()
                        .println("littlehub: cannot read the hub's config (the agent answered " + current.exitCode()
                                + ")");
                return current.exitCode() < 0 ? ExitCodes.FAILED : current.exitCode();
            }
            return edit(host, hub, chosen, current.stdout(), yes, json, waitSeconds, restart);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILED;
        }
    }

    private int edit(
            RemoteHost host,
            Hub hub,
            Editor chosen,
            String original,
            boolean yes,
            boolean json,
            Integer waitSeconds,
            RestartChoice restart)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile("littlehub-" + hub.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-", ".yaml");
        boolean keep = false;
        try {
            EditLoop.Decision d = new EditLoop(chosen, ctx.prompter(), ctx.out(), ctx.err())
                    .run(file, original, hub.name() + ":" + Layout.CONFIG_FILE, yes);
            switch (d.kind()) {
                case UNCHANGED:
                    return ExitCodes.OK;
                case CANCELLED:
                    return ExitCodes.FAILED;
                default:
                    break;
            }
            int exit = new ApplyFile(ctx).apply(host, file, json, waitSeconds, restart);
            if (exit != ExitCodes.OK) {
                keep = true;
                ctx.err()
                        .println(
                                "Your edit is kept in " + file + ": `littlehub config apply " + file + "` applies it.");
            }
            return exit;
        } finally {
            if (!keep) {
                Files.deleteIfExists(file);
            }
        }
    }
}
