package io.littlehub.agent.backup;

import io.littlehub.common.backup.ArchiveLayout;
import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.backup.SecretsBundle;
import io.littlehub.common.backup.TarEntry;
import io.littlehub.common.backup.TarFormatException;
import io.littlehub.common.backup.TarNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Unpacks an archive's entries into a private staging folder as they stream by ({@link ArchiveVerifier.Sink}): files
 * private to root at first, never through a symlink. Only once the archive is verified, and the unix users exist,
 * {@link #applyOwnership} gives every entry its owner (by name when that name exists here, else the number), mode and
 * time. The units ({@link ArchiveLayout#unitOf}) are then moved into place by {@link Restorer}.
 */
public final class Staging implements ArchiveVerifier.Sink {
    private final Path dir;
    private final List<TarEntry> entries = new ArrayList<>();
    private final Set<String> units = new LinkedHashSet<>();

    public Staging(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The units unpacked, in archive order. */
    public Set<String> units() {
        return units;
    }

    @Override
    public void entry(TarEntry e, InputStream content) throws IOException {
        String unit = ArchiveLayout.unitOf(e.name());
        if (unit == null && !ArchiveLayout.isSecret(e.name())) {
            throw new TarFormatException("not restored: " + TarNames.printable(e.name()));
        }
        Path target = dir.resolve(e.name());
        Path parent = target.getParent();
        noLinkOnTheWay(parent);
        Files.createDirectories(parent);
        switch (e.type()) {
            case DIRECTORY -> Files.createDirectory(target);
            case SYMLINK -> Files.createSymbolicLink(target, Path.of(e.linkTarget()));
            case FILE -> {
                try (OutputStream out = Files.newOutputStream(
                        target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    content.transferTo(out);
                }
            }
        }
        entries.add(e);
        units.add(unit != null ? unit : ArchiveLayout.secretUnitOf(e.name()));
    }

    /** A secret from the decrypted bundle: staged like any file. */
    public void secret(SecretsBundle.Secret s) throws IOException {
        entry(s.entry(), new java.io.ByteArrayInputStream(s.content()));
    }

    private void noLinkOnTheWay(Path parent) {
        for (Path p = parent; p != null && p.startsWith(dir) && !p.equals(dir); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new TarFormatException(
                        "the archive puts an entry under the symbolic link " + dir.relativize(p) + ": refused");
            }
        }
    }

    /**
     * Owners, modes and times of everything staged, deepest first (so a folder's time is not changed by its children
     * afterwards). {@code chown}: false in tests that do not run as root.
     */
    public void applyOwnership(boolean chown) throws IOException {
        UserPrincipalLookupService names = dir.getFileSystem().getUserPrincipalLookupService();
        Map<String, Optional<UserPrincipal>> users = new HashMap<>();
        Map<String, Optional<GroupPrincipal>> groups = new HashMap<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            TarEntry e = entries.get(i);
            Path p = dir.resolve(e.name());
            if (chown) {
                PosixFileAttributeView view =
                        Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                Optional<UserPrincipal> u =
                        users.computeIfAbsent(e.uname(), n -> lookup(() -> names.lookupPrincipalByName(n), n));
                Optional<GroupPrincipal> g =
                        groups.computeIfAbsent(e.gname(), n -> lookup(() -> names.lookupPrincipalByGroupName(n), n));
                if (u.isPresent()) {
                    view.setOwner(u.get());
                } else {
                    Files.setAttribute(p, "unix:uid", (int) e.uid(), LinkOption.NOFOLLOW_LINKS);
                }
                if (g.isPresent()) {
                    view.setGroup(g.get());
                } else {
                    Files.setAttribute(p, "unix:gid", (int) e.gid(), LinkOption.NOFOLLOW_LINKS);
                }
            }
            if (e.type() != TarEntry.Type.SYMLINK) {
                Files.setAttribute(p, "unix:mode", e.mode(), LinkOption.NOFOLLOW_LINKS);
                Files.setLastModifiedTime(p, FileTime.fromMillis(e.mtime() * 1000));
            }
        }
    }

    private interface Lookup<T> {
        T find() throws IOException;
    }

    private static <T> Optional<T> lookup(Lookup<T> l, String name) {
        if (name.isEmpty() || name.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        try {
            return Optional.of(l.find());
        } catch (IOException absent) {
            return Optional.empty();
        }
    }
}
