package io.littlehub.cli.hubs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hubs this laptop knows: the inventory {@code ~/.config/littlehub/hubs.yaml} ($LITTLEHUB_CONFIG_HOME or
 * $XDG_CONFIG_HOME/littlehub override), or a shared inventory file ({@code -i FILE}). The last provisioned hub is
 * the default; {@code --hub NAME} picks another, {@code --hubs} several. It names hosts, users and key files: the
 * teacher's alone (folder 0700 when made here, file 0600, rewritten through a 0600 temporary file). An older
 * littlehub's {@code hubs.json} is moved into {@code hubs.yaml} at the first read, said once, and kept as
 * {@code hubs.json.migrated}.
 */
public final class HubRegistry {
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    /** Hubs provisioned at once ({@code provision --hubs}) write one file: one read-change-write at a time. */
    private static final Object WRITES = new Object();

    private final Path file;
    private final boolean laptops;
    private final PrintStream notes;

    private HubRegistry(Path file, boolean laptops, PrintStream notes) {
        this.file = file;
        this.laptops = laptops;
        this.notes = notes;
    }

    /** The laptop's own inventory in {@code dir}. */
    public HubRegistry(Path dir) {
        this(dir.resolve("hubs.yaml"), true, System.err);
    }

    /** A shared inventory file ({@code -i FILE}): read and written as it is, nothing migrated. */
    public static HubRegistry ofFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("-i " + file + ": no such inventory file (check the path)");
        }
        return new HubRegistry(file.toAbsolutePath(), false, System.err);
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

    /** The folder of the inventory, where the laptop keeps what else it knows of its hubs. */
    public Path dir() {
        return file.getParent();
    }

    public Path file() {
        return file;
    }

    public Inventory read() {
        synchronized (WRITES) {
            migrate();
        }
        if (!Files.isRegularFile(file)) {
            return Inventory.empty();
        }
        return InventoryFile.parse(text(), file.toString());
    }

    /**
     * Records the hub and makes it the default. A name another hub (another host or SSH port) has is refused:
     * provisioning never replaces an entry.
     */
    public void remember(Hub hub) {
        refuseClash(hub.name(), hub.host(), hub.port());
        String before = Files.isRegularFile(file) ? text() : InventoryFile.HEADER;
        Hub kept = read().hubs().get(hub.name());
        Hub entry = kept == null
                ? hub
                : new Hub(
                        hub.name(),
                        hub.host(),
                        hub.port(),
                        hub.user(),
                        hub.identity(),
                        hub.url(),
                        hub.knownHosts(),
                        kept.groups(),
                        kept.labels());
        write(InventoryFile.withHub(before, entry));
    }

    /**
     * Refuses, before anything is changed, to remember a hub under a name the inventory gives another address: the
     * fix is another name ({@code --hub}).
     */
    public void refuseClash(String name, String host, int port) {
        Hub known = read().hubs().get(name);
        if (known != null && (!known.host().equals(host) || known.port() != port)) {
            throw new IllegalArgumentException("the inventory (" + file + ") already has a hub named " + name + " at "
                    + known.address() + "; this one is at " + new Hub(name, host, port, null, null, null).address()
                    + ": name it with --hub NAME (two hubs on one address are two entries)");
        }
    }

    /** The named hub, or the default one when {@code name} is null. */
    public Optional<Hub> find(String name) {
        Inventory h = read();
        return Optional.ofNullable(h.hubs().get(name != null ? name : h.current() == null ? "" : h.current()));
    }

    private String text() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (check its permissions)", e);
        }
    }

    /** An older littlehub's hubs.json becomes hubs.yaml (the laptop's own inventory only). */
    private void migrate() {
        Path json = file.resolveSibling("hubs.json");
        if (!laptops || Files.exists(file) || !Files.isRegularFile(json)) {
            return;
        }
        OldHubs old;
        try {
            old = new ObjectMapper()
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .readValue(json.toFile(), OldHubs.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json + " to move it into hubs.yaml (fix or delete it)", e);
        }
        String text = InventoryFile.HEADER;
        Map<String, Hub> hubs = old.hubs() == null ? Map.of() : old.hubs();
        for (Hub h : hubs.values()) {
            text = InventoryFile.withHub(text, h);
        }
        if (old.current() != null && hubs.containsKey(old.current())) {
            text = InventoryFile.withHub(text, hubs.get(old.current()));
        }
        write(text);
        try {
            Files.move(json, json.resolveSibling("hubs.json.migrated"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + json, e);
        }
        notes.println("littlehub: moved your " + hubs.size() + " hub(s) from " + json + " into the inventory " + file
                + " (YAML you may edit: groups, labels); the old file is kept as hubs.json.migrated");
    }

    /** hubs.json's shape (littlehub before the inventory). */
    record OldHubs(String current, Map<String, Hub> hubs) {}

    private void write(String text) {
        try {
            if (!Files.isDirectory(file.getParent())) {
                Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
