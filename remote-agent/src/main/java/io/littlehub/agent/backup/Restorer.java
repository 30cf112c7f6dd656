package io.littlehub.agent.backup;

import io.littlehub.agent.config.HubHealth;
import io.littlehub.agent.config.Layout;
import io.littlehub.agent.machine.CommandResult;
import io.littlehub.agent.machine.Machine;
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
 * waits for the hub's health URL.
 */
public final class Restorer {
    private final Machine machine;
    private final PrintStream out;

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
            check(machine.run(List.of("mv", "-T", "--", staged.dir().resolve(unit).toString(), target.toString())), "move " + target + " into place");
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

    private void moveAside(Path target, Path before) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path kept = before.resolve(Path.of("/").relativize(target));
        check(machine.run(List.of("mkdir", "-p", "--", kept.getParent().toString())), "create " + kept.getParent());
        check(machine.run(List.of("mv", "-T", "--", target.toString(), kept.toString())), "move " + target + " aside");
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
