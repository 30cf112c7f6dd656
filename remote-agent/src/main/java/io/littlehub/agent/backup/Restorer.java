package io.littlehub.agent.backup;

import io.littlehub.agent.PlaybookRun;
import io.littlehub.agent.config.HubHealth;
import io.littlehub.agent.ops.Action;
import io.littlehub.agent.ops.HttpCheck;
import io.littlehub.agent.ops.Secret;
import io.littlehub.agent.playbook.Playbook;
import io.littlehub.agent.playbook.Task;
import io.littlehub.common.backup.ArchiveLayout;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.TarFormatException;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.machine.Machine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a verified, staged archive in place on this VM: stops the hub (and users' servers, and the proxy), creates the
 * missing unix users, gives the staged files their owners, moves what each unit replaces aside (kept under
 * {@code before/} in the restore's folder), moves the staged units into place, runs the provision playbook's agent
 * token step (an archive from an earlier release holds a token longer than some JupyterHubs take), starts the proxy
 * and the hub and waits for the hub as provision does ({@link HubHealth#afterRestart}). When anything after the hub
 * stopped fails, every move is undone in reverse (the restored units back into the stage, what they replaced back into
 * place), the unix users it created are removed and the hub started again: the VM is as it was before the restore,
 * and the archive's files stay in the stage to look at. Everything on the VM goes through the {@link Machine}; the
 * stage is the restore's own folder.
 */
public final class Restorer {
    /** One {@code mv -T from to} done, to be undone by the reverse move. */
    private record Move(Path from, Path to) {}

    private final Machine machine;
    private final PrintStream out;
    private final HttpCheck.World world;
    private final Secret agentToken;
    private final List<Move> done = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    /**
     * {@code world}: where the wait for the started hub ({@link HubHealth#afterRestart}) asks its health URL and keeps
     * time; {@code agentToken}: the provision playbook's step that keeps the agent's hub API token
     * ({@link #agentTokenStep}).
     */
    public Restorer(Machine machine, PrintStream out, HttpCheck.World world, Secret agentToken) {
        this.machine = machine;
        this.out = out;
        this.world = world;
        this.agentToken = agentToken;
    }

    /**
     * On this VM: the hub is waited for as provision waits for it. The token step does not depend on the config: the
     * playbook is rendered over the defaults, so a broken config on the VM cannot stop the restore meant to repair it.
     */
    public static Restorer onThisMachine(PrintStream out) throws IOException {
        return new Restorer(
                new LocalMachine(), out, HttpCheck.World.REAL, agentTokenStep(PlaybookRun.load("provision", "")));
    }

    /** The provision playbook's own step for the agent's hub API token (it renews one longer than it writes). */
    static Secret agentTokenStep(Playbook provision) {
        return provision.allTasks().stream()
                .map(Task::operation)
                .filter(o -> o instanceof Secret s && s.path().equals(Layout.AGENT_API_TOKEN))
                .map(o -> (Secret) o)
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("the provision playbook has no step for " + Layout.AGENT_API_TOKEN));
    }

    public void restore(Staging staged, Manifest manifest, Path before, boolean secrets) throws IOException {
        for (Manifest.User u : manifest.users()) {
            if (ArchiveLayout.homeUser("home/" + u.name()) == null) {
                throw new TarFormatException("the manifest names the user " + u.name() + ", which is not a hub user");
            }
        }
        out.println("stopping the hub, the proxy and users' servers");
        machine.run(List.of("systemctl", "stop", "jupyter-*-singleuser.service"));
        try {
            List<String> stopHub = List.of("systemctl", "stop", "jupyterhub.service", "littlehub-proxy.service");
            check(machine.run(stopHub), "stop the hub");
            createUsers(manifest);
            staged.applyOwnership(true);
            putInPlace(staged, before, secrets);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "; " + undo(staged.dir()), e);
        }
    }

    private void createUsers(Manifest manifest) {
        for (Manifest.User u : manifest.users()) {
            if (!machine.run(List.of("getent", "passwd", u.name())).ok()) {
                check(
                        machine.run(List.of(
                                "useradd",
                                "--no-create-home",
                                "--home-dir",
                                "/home/" + u.name(),
                                "--shell",
                                "/bin/bash",
                                "--user-group",
                                u.name())),
                        "create the unix user " + u.name());
                created.add(u.name());
                out.println("created the unix user " + u.name());
            }
        }
    }

    private void putInPlace(Staging staged, Path before, boolean secrets) {
        if (secrets) {
            // FirstUse's password database is several files (dbm flavours differ): all of the old ones go aside.
            moveAsideMatching(Path.of(Layout.FIRSTUSE_PASSWORDS), before);
        }
        moveAside(Path.of(Layout.HUB_DB + "-journal"), before);
        moveAside(Path.of(Layout.HUB_DB + "-wal"), before);
        moveAside(Path.of(Layout.HUB_DB + "-shm"), before);
        int homes = 0;
        for (String unit : staged.units()) {
            Path target = Path.of("/" + unit);
            moveAside(target, before);
            check(
                    machine.run(List.of("mkdir", "-p", "--", target.getParent().toString())),
                    "create " + target.getParent());
            move(staged.dir().resolve(unit), target, "move " + target + " into place");
            homes += ArchiveLayout.homeUser(unit) != null ? 1 : 0;
        }
        out.println("restored " + homes + " homes and " + (staged.units().size() - homes) + " other files and folders"
                + (exists(before) ? "; what they replaced is kept in " + before : ""));
        renewAgentToken();
        out.println("starting the proxy and the hub");
        check(
                machine.run(List.of("systemctl", "start", "littlehub-proxy.service", "jupyterhub.service")),
                "start the hub");
        String config = machine.read(Layout.CONFIG_FILE)
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse("");
        String url = HubHealth.url(config);
        Optional<String> notUp = HubHealth.waitAfterRestart(machine, url, world);
        if (notUp.isPresent()) {
            throw new IllegalStateException("the hub did not come up after the restore: " + notUp.get());
        }
        out.println("the hub answers at " + url);
        if (staged.units().containsAll(ArchiveLayout.SECRET_TREES)) {
            // Caddy reads its account and certificates at start: the restored ones, not those it had in memory.
            check(
                    machine.run(List.of("systemctl", "try-restart", Layout.HTTPS_UNIT)),
                    "restart the HTTPS front with the restored certificates");
            out.println("the HTTPS front's account and certificates were restored");
        }
    }

    /**
     * An archive from a release before the 48-character token brings back one of 64, which JupyterHub 6.1.0 and 5.5.3
     * refuse (the agent could no longer ask the hub who is active, or change its users): provision's own step renews
     * it before the hub reads it at its start. A move undone later takes the renewed file with the archive's.
     */
    private void renewAgentToken() {
        Secret.Facts facts = agentToken.gather(machine);
        for (Action a : agentToken.plan(facts)) {
            if (a instanceof Action.WriteFile w) {
                machine.write(w.path(), w.content().getBytes(StandardCharsets.UTF_8), w.owner(), w.group(), w.mode());
                out.println(
                        facts.file().isEmpty()
                                ? "wrote the agent's hub API token as provision does (there was none)"
                                : "renewed the agent's hub API token as provision does: the restored one has "
                                        + facts.length() + " characters (JupyterHub 6.1.0 and 5.5.3 refuse 64)");
            } else if (a instanceof Action.SetAttributes m) {
                machine.setAttributes(m.path(), m.owner(), m.group(), m.mode());
            } else {
                throw new IllegalStateException("the agent token's step planned " + a.describe());
            }
        }
    }

    /** Every move undone, newest first, the users it created removed, and the hub started again; says how that went. */
    private String undo(Path stage) {
        out.println("the restore failed: putting back what was there before");
        machine.run(List.of("systemctl", "stop", "jupyter-*-singleuser.service", "jupyterhub.service"));
        List<String> failed = new ArrayList<>();
        for (int i = done.size() - 1; i >= 0; i--) {
            Move m = done.get(i);
            if (!machine.run(List.of(
                            "mv", "-T", "--", m.to().toString(), m.from().toString()))
                    .ok()) {
                failed.add(m.to() + " (should be " + m.from() + ")");
            }
        }
        if (!failed.isEmpty()) {
            return "rolling back failed for " + String.join(", ", failed)
                    + ": move them by hand, then `systemctl restart jupyterhub`";
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            if (!machine.run(List.of("userdel", created.get(i))).ok()) {
                out.println("the unix user " + created.get(i) + " the restore created is still there (userdel failed)");
            }
        }
        boolean started = machine.run(List.of("systemctl", "restart", "littlehub-proxy.service", "jupyterhub.service"))
                .ok();
        return "rolled back: the hub has what it had before the restore again"
                + (started ? " and was started" : ", but does not start: see `journalctl -u jupyterhub`")
                + " (the archive's files are in " + stage + ")";
    }

    private void moveAside(Path target, Path before) {
        if (!exists(target)) {
            return;
        }
        Path kept = before.resolve(Path.of("/").relativize(target));
        check(machine.run(List.of("mkdir", "-p", "--", kept.getParent().toString())), "create " + kept.getParent());
        move(target, kept, "move " + target + " aside");
    }

    private void move(Path from, Path to, String what) {
        check(machine.run(List.of("mv", "-T", "--", from.toString(), to.toString())), what);
        done.add(new Move(from, to));
    }

    private void moveAsideMatching(Path base, Path before) {
        for (String name : machine.list(base.getParent().toString())) {
            if (name.startsWith(base.getFileName().toString())) {
                moveAside(base.resolveSibling(name), before);
            }
        }
    }

    /** There, as itself (a symlink is not followed). */
    private boolean exists(Path path) {
        return machine.stat(path.toString()).isPresent();
    }

    private static void check(CommandResult r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException(
                    "could not " + what + " (exit " + r.exitCode() + "): " + (r.stderr() + r.stdout()).strip());
        }
    }
}
