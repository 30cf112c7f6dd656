package io.littlehub.cli.transport;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Where kept connections live and how one is started: a {@link ConnectionHolder} per target, its socket
 * {@code KEY.sock} (with {@code KEY.lock}, {@code KEY.pid}, {@code KEY.log}) in {@code ~/.cache/littlehub/ssh}, a
 * folder only its owner may enter (0700: whoever reaches the socket runs commands as the login user on the VM, as with
 * OpenSSH's ControlPath). {@code LITTLEHUB_KEEP_CONNECTION} says for how many idle seconds (default 60, Ansible's
 * ControlPersist; 0 turns it off).
 */
final class KeptConnections {
    static final String ENVIRONMENT = "LITTLEHUB_KEEP_CONNECTION";
    static final int DEFAULT_SECONDS = 60;

    private KeptConnections() {}

    /** The idle seconds {@code value} says (null: the default; 0: off); a clear refusal of anything else. */
    static int seconds(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_SECONDS;
        }
        try {
            int s = Integer.parseInt(value.strip());
            if (s >= 0) {
                return s;
            }
        } catch (NumberFormatException ignored) {
            // Refused below.
        }
        throw new IllegalArgumentException(ENVIRONMENT + "=" + value + " is not a number of seconds: set it to the"
                + " seconds an idle connection is kept for the next command (" + DEFAULT_SECONDS
                + " when unset), or 0 to connect anew for every command");
    }

    static Path folder(SshOptions options) {
        return options.home().resolve(".cache").resolve("littlehub").resolve("ssh");
    }

    /**
     * The link for one command: through the holder its target shares ({@link HeldTarget#sharing}) when one answers,
     * else direct, starting a holder. The holder's name is found again when it starts: a first contact's known_hosts
     * names the host key only after the direct login.
     */
    static Link link(ResolvedTarget target, SshOptions options, int seconds, Supplier<Link> direct) {
        Path folder = folder(options);
        if (!privateFolder(folder)) {
            return direct.get();
        }
        return new KeptLink(
                socket(folder, target).orElse(null),
                direct,
                () -> socket(folder, target).ifPresent(socket -> start(target, options, seconds, socket)));
    }

    /**
     * Whether {@code socket} is still the name of the target's holder: a holder checks it once logged in, since
     * known_hosts may have changed after the command looked (a holder named by the keys of before would serve commands
     * whose files name those, over a login to a key they may not name).
     */
    static boolean stillNames(Path socket, ResolvedTarget target) {
        return socket(socket.getParent(), target).equals(Optional.of(socket));
    }

    /** {@code KEY.sock} of the holder the target shares; empty when known_hosts names no key for it. */
    static Optional<Path> socket(Path folder, ResolvedTarget target) {
        return HeldTarget.key(target).map(key -> folder.resolve(key + ".sock"));
    }

    /**
     * Makes the folder (0700) when missing; true when it is a folder of this user that nobody else may enter. Anything
     * else (another owner, wider permissions, no POSIX permissions at all) keeps nothing: commands connect directly.
     */
    static boolean privateFolder(Path folder) {
        try {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(folder.getParent());
                Files.createDirectory(
                        folder,
                        PosixFilePermissions.asFileAttribute(EnumSet.of(
                                PosixFilePermission.OWNER_READ,
                                PosixFilePermission.OWNER_WRITE,
                                PosixFilePermission.OWNER_EXECUTE)));
            }
            PosixFileAttributes a = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Path probe = Files.createTempFile(folder, "owner", ".probe");
            try {
                return a.isDirectory()
                        && a.owner().equals(Files.getOwner(probe))
                        && a.permissions()
                                .equals(EnumSet.of(
                                        PosixFilePermission.OWNER_READ,
                                        PosixFilePermission.OWNER_WRITE,
                                        PosixFilePermission.OWNER_EXECUTE));
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Starts the holder in the background with this JVM's runtime, class path and class-data archive; the target goes
     * on its stdin (not in {@code ps}), its output appended to {@code KEY.log}. Best effort: a holder that cannot start costs
     * the next command nothing but its own direct connection.
     */
    static void start(ResolvedTarget target, SshOptions options, int seconds, Path socket) {
        String name = socket.getFileName().toString().replace(".sock", "");
        Properties spec = HeldTarget.write(target);
        spec.setProperty("socket", socket.toString());
        spec.setProperty("idle_seconds", Integer.toString(seconds));
        spec.setProperty("connect_timeout_ms", Integer.toString(options.connectTimeoutMillis()));
        try {
            Process p = new ProcessBuilder(holderCommand())
                    // Appended: a holder that gave up still says why after the next one started.
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            socket.resolveSibling(name + ".log").toFile()))
                    .redirectErrorStream(true)
                    .start();
            try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                spec.store(w, null);
            }
        } catch (IOException e) {
            // Not kept: every command connects directly, as with LITTLEHUB_KEEP_CONNECTION=0.
        }
    }

    /** {@code java [-XX:SharedArchiveFile=…] -XX:TieredStopAtLevel=1 -cp CLASSPATH ConnectionHolder}. */
    static List<String> holderCommand() {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessHandle.current().info().arguments().ifPresent(args -> {
            for (String a : args) {
                if (a.startsWith("-XX:SharedArchiveFile=")) {
                    argv.add(a);
                    argv.add("-Xlog:cds*=off");
                }
            }
        });
        argv.add("-XX:TieredStopAtLevel=1");
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(ConnectionHolder.class.getName());
        return argv;
    }
}
