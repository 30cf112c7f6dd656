package io.littlehub.agent.release;

import io.littlehub.agent.AgentJar;
import io.littlehub.common.config.Layout;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The littlehub releases installed on this VM ({@code ROOT/releases/<version>}) and the two links that choose
 * between them: {@code current} (what the hub runs, the version the VM records) and {@code previous} (where a
 * rollback returns). Links are switched by renaming a new link over the old one, so there is never a moment without.
 */
public final class Releases {
    private static final String UPGRADE_RECORD = "upgrade.properties";
    private final Path root;

    public Releases(Path root) {
        this.root = root;
    }

    public static Releases onThisMachine() {
        return new Releases(Path.of(Layout.ROOT));
    }

    public Path dir(String version) {
        return root.resolve("releases").resolve(version);
    }

    /** The release the hub runs; empty on a VM provisioned by no release yet. */
    public Optional<String> current() {
        return linked("current");
    }

    public Optional<String> previous() {
        return linked("previous");
    }

    public void makeCurrent(String version) {
        link("current", version);
    }

    public void rememberPrevious(String version) {
        link("previous", version);
    }

    public void forgetPrevious() {
        try {
            Files.deleteIfExists(root.resolve("previous"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why an agent of {@code version} may not converge this hub: it runs another release, and only {@code upgrade}
     * (or that release's own agent) may touch it. Empty when it may.
     */
    public Optional<String> refusal(String version) {
        return current()
                .filter(running -> !running.equals(version))
                .map(running -> "this hub runs littlehub " + running
                        + " and this agent is littlehub " + version + ": `littlehub upgrade` moves the hub to "
                        + version
                        + " (or use the hub's own agent: sudo littlehub-agent …)");
    }

    /** Installed releases other than {@code keep}, removed (what an upgrade no longer needs for a rollback). */
    public List<String> removeAllBut(String... keep) {
        List<String> kept = Arrays.asList(keep);
        Path dir = root.resolve("releases");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> gone = entries.map(p -> p.getFileName().toString())
                    .filter(v -> !kept.contains(v))
                    .sorted()
                    .toList();
            for (String v : gone) {
                remove(v);
            }
            return gone;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a release's folder; never follows a link out of it (a venv has some). */
    public void remove(String version) {
        Path dir = dir(version);
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keeps the running agent's jar in its release's folder, so the release carries the agent that can converge and
     * roll back to it later, whatever the laptop pushes meanwhile. Nothing happens when it is there already, or when
     * the agent does not run from a jar (tests).
     */
    public void keepAgent(String version) {
        Optional<Path> jar = AgentJar.path();
        if (jar.isEmpty()) {
            return;
        }
        Path self = jar.get();
        Path kept = dir(version).resolve("littlehub-agent.jar");
        try {
            if (Files.isRegularFile(kept) && Files.mismatch(self, kept) == -1) {
                return;
            }
            Files.createDirectories(kept.getParent());
            Path fresh = kept.resolveSibling("littlehub-agent.jar.new");
            Files.copy(self, fresh, StandardCopyOption.REPLACE_EXISTING);
            Files.move(fresh, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the release carries its own agent (kept by {@link #keepAgent}), the one that can converge it. */
    public boolean hasAgent(String version) {
        return Files.isRegularFile(dir(version).resolve("littlehub-agent.jar"));
    }

    /**
     * Notes in the new release's folder which release it replaced and where that one's hub state was copied (written
     * to a temporary file and renamed, so an interrupted upgrade leaves the old note or the new one).
     */
    public void recordUpgrade(String to, String from, Path backup) {
        Properties p = new Properties();
        p.setProperty("from", from);
        p.setProperty("backup", backup.toString());
        Path record = dir(to).resolve(UPGRADE_RECORD);
        Path fresh = record.resolveSibling(UPGRADE_RECORD + ".new");
        try {
            try (Writer w = Files.newBufferedWriter(fresh)) {
                p.store(w, "littlehub upgrade " + from + " to " + to);
            }
            Files.move(fresh, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hub state copied when {@code from} was upgraded to {@code to}, if that is how {@code to} came. */
    public Optional<Path> backupOfUpgrade(String to, String from) {
        Properties p = upgradeRecord(to);
        return from.equals(p.getProperty("from"))
                ? Optional.ofNullable(p.getProperty("backup")).map(Path::of)
                : Optional.empty();
    }

    /**
     * The release {@code to} was upgraded from when that upgrade did not finish: {@code to} is current, its record
     * names a release still installed, and {@code previous} does not point there yet (the upgrade's last step).
     */
    public Optional<String> unfinishedUpgradeFrom(String to) {
        Optional<String> from = Optional.ofNullable(upgradeRecord(to).getProperty("from"));
        return from.filter(f -> current().equals(Optional.of(to)) && !previous().equals(Optional.of(f)) && hasAgent(f));
    }

    private Properties upgradeRecord(String to) {
        Path record = dir(to).resolve(UPGRADE_RECORD);
        Properties p = new Properties();
        if (Files.isRegularFile(record)) {
            try (Reader r = Files.newBufferedReader(record)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    private Optional<String> linked(String name) {
        Path link = root.resolve(name);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same absolute target the playbook's {@code symlink} task writes, so neither sees the other's link as a change. */
    private void link(String name, String version) {
        Path link = root.resolve(name);
        Path fresh = root.resolve(name + ".new");
        try {
            Files.deleteIfExists(fresh);
            Files.createSymbolicLink(fresh, dir(version));
            Files.move(fresh, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
