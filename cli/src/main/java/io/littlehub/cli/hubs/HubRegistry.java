package io.littlehub.cli.hubs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The hubs this laptop has provisioned, in {@code ~/.config/littlehub/hubs.json} ($LITTLEHUB_CONFIG_HOME or
 * $XDG_CONFIG_HOME/littlehub override), so later commands need no connection flags. The last provisioned hub is
 * the default; {@code --hub NAME} picks another. It names hosts, users and key files: the teacher's alone (folder 0700
 * when made here, file 0600; a file left 0644 by an older littlehub is replaced by a 0600 one at the next write).
 */
public final class HubRegistry {
    /** The file's shape. */
    public record Hubs(String current, Map<String, Hub> hubs) {}

    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final ObjectMapper JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final Path file;

    public HubRegistry(Path dir) {
        this.file = dir.resolve("hubs.json");
    }

    public static HubRegistry fromEnvironment() {
        String explicit = System.getenv("LITTLEHUB_CONFIG_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return new HubRegistry(Path.of(explicit));
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new HubRegistry(base.resolve("littlehub"));
    }

    /** The folder of hubs.json, where the laptop keeps what else it knows of its hubs. */
    public Path dir() {
        return file.getParent();
    }

    public Hubs read() {
        if (!Files.isRegularFile(file)) {
            return new Hubs(null, new TreeMap<>());
        }
        try {
            Hubs h = JSON.readValue(file.toFile(), Hubs.class);
            return new Hubs(h.current(), new TreeMap<>(h.hubs() == null ? Map.of() : h.hubs()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (fix or delete it)", e);
        }
    }

    /** Records the hub and makes it the default. */
    public void remember(Hub hub) {
        Hubs h = read();
        h.hubs().put(hub.name(), hub);
        write(new Hubs(hub.name(), h.hubs()));
    }

    /** The named hub, or the default one when {@code name} is null. */
    public Optional<Hub> find(String name) {
        Hubs h = read();
        return Optional.ofNullable(h.hubs().get(name != null ? name : h.current() == null ? "" : h.current()));
    }

    private void write(Hubs hubs) {
        try {
            if (!Files.isDirectory(file.getParent())) {
                Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            }
            Path tmp = file.resolveSibling("hubs.json.tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), hubs);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
