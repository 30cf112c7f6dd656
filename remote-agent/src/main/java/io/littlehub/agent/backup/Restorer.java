package io.littlehub.agent.backup;

import io.littlehub.common.backup.ArchiveLayout;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.TarFormatException;
import io.littlehub.agent.config.HubHealth;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import io.littlehub.agent.ops.HttpCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts a verified, staged archive in place on this VM: stops the hub (and users' servers, and the proxy), creates the
 * missing unix users, gives the staged files their owners, moves what each unit replaces aside (kept under
 * {@code before/} in the restore's folder), moves the staged units into place, starts the proxy and the hub and
 * waits for the hub's health URL. When a move, the start or the health check fails, every move is undone in reverse
 * (the restored units back into the stage, what they replaced back into place) and the hub started again: the VM is
 * as it was before the restore, and the archive's files stay in the stage to look at.
 */
public final class Restorer {
    /** One {@code mv -T from to} done, to be undone by the reverse move. */
    private record Move(Path from, Path to) {
    }

    private final Machine machine;
    private final PrintStream out;
    private final List<Move> done = new java.util.ArrayList<>();

    public Restorer(Machine machine, PrintStream out) {
        this.machine = machine;
        this.out = out;
    }

    public void restore(Staging staged, Manifest manifest, Path before, boolean secrets) throws IOException {
        out.println("stopping the hub, the proxy and users' servers");
        machine.run(List.of("systemctl", "stop", "jupyter-*-singleuser.service"));
        check(machine.run(List.of("systemctl", "stop", "jupyterhub.service", "littlehub-proxy.service")), "stop the hub");
        for (Manifest.User u : manifest.users()) {
            if (ArchiveLayout.homeUser("home/" + u.name()) == null) {
                throw new TarFormatException("the manifest names the user " + u.name() + ", which is not a hub user");
            }
            if (!machine.run(List.of("getent", "passwd", u.name())).ok()) {
                check(machine.run(List.of("useradd", "--no-create-home", "--home-dir", "/home/" + u.name(), "--shell", "/bin/bash",
                        "--user-group", u.name())), "create the unix user " + u.name());
                out.println("created the unix user " + u.name());
            }
        }
        staged.applyOwnership(true);
        try {
            putInPlace(staged, before, secrets);
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "; " + undo(staged.dir()), e);
        }
    }

    private void putInPlace(Staging staged, Path before, boolean secrets) throws IOException {
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
            check(machine.run(List.of("mkdir", "-p", "--", target.getParent().toString())), "create " + target.getParent());
            move(staged.dir().resolve(unit), target, "move " + target + " into place");
            homes += ArchiveLayout.homeUser(unit) != null ? 1 : 0;
        }
        out.println("restored " + homes + " homes and " + (staged.units().size() - homes) + " other files and folders"
                + (Files.exists(before) ? "; what they replaced is kept in " + before : ""));
        out.println("starting the proxy and the hub");
        check(machine.run(List.of("systemctl", "start", "littlehub-proxy.service", "jupyterhub.service")), "start the hub");
        String url = HubHealth.url(Files.readString(Path.of(Layout.CONFIG_FILE)));
        int status = new HttpCheck(url, 200, 120).gather(machine);
        if (status != 200) {
            throw new IllegalStateException("the hub did not answer at " + url + " (" + (status < 0 ? "no answer" : "HTTP " + status)
                    + ") after the restore: see `journalctl -u jupyterhub -u littlehub-proxy` on the VM");
        }
        out.println("the hub answers at " + url);
    }

    /** Every move undone, newest first, and the hub started again; says how that went. */
    private String undo(Path stage) {
        out.println("the restore failed: putting back what was there before");
        machine.run(List.of("systemctl", "stop", "jupyter-*-singleuser.service", "jupyterhub.service"));
        List<String> failed = new java.util.ArrayList<>();
        for (int i = done.size() - 1; i >= 0; i--) {
            Move m = done.get(i);
            if (!machine.run(List.of("mv", "-T", "--", m.to().toString(), m.from().toString())).ok()) {
                failed.add(m.to() + " (should be " + m.from() + ")");
            }
        }
        if (!failed.isEmpty()) {
            return "rolling back failed for " + String.join(", ", failed) + ": move them by hand, then `systemctl restart jupyterhub`";
        }
        boolean started = machine.run(List.of("systemctl", "restart", "littlehub-proxy.service", "jupyterhub.service")).ok();
        return "rolled back: the hub has what it had before the restore again" + (started ? " and was started"
                : ", but does not start: see `journalctl -u jupyterhub`") + " (the archive's files are in " + stage + ")";
    }

    private void moveAside(Path target, Path before) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
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

    private void moveAsideMatching(Path base, Path before) throws IOException {
        if (!Files.isDirectory(base.getParent())) {
            return;
        }
        try (Stream<Path> s = Files.list(base.getParent())) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(base.getFileName().toString())).toList()) {
                moveAside(p, before);
            }
        }
    }

    private static void check(CommandResult r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException("could not " + what + " (exit " + r.exitCode() + "): " + (r.stderr() + r.stdout()).strip());
        }
    }
}
