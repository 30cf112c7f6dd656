package io.littlehub.agent.backup;

import io.littlehub.common.backup.ArchiveLayout;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.SecretsBundle;
import io.littlehub.common.backup.TarEntry;
import io.littlehub.common.backup.TarWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes one backup archive of the hub under {@code root} ("/" on the VM; a folder in tests) to a stream: the
 * students' homes, the config and its history, the users' environment record, /srv/data, the database (a consistent
 * copy made beforehand, see {@link DatabaseSnapshot}), the secrets encrypted (or left out), then the manifest.
 * Owners are kept as numbers and names. Files that vanish while the backup runs are left out with a note; a file
 * that shrinks while it is read is padded and noted (its copy in the archive is not usable). Files the laptop's
 * earlier archive already holds ({@link QuickCheck}) are written as references to it, unread.
 */
public final class BackupWriter {
    /**
     * @param passphrase null: the secrets are left out
     * @param database the consistent copy of the hub database, or null when the hub has none yet
     * @param earlier the files not to send again ({@link QuickCheck#NONE}: a complete archive)
     */
    public record Options(String hub, String host, char[] passphrase, Path database, QuickCheck earlier) {}

    private final Path root;
    private final PrintStream notes;
    private final List<String> noted = new ArrayList<>();
    private final List<Manifest.Entry> entries = new ArrayList<>();
    private TarWriter tar;
    private QuickCheck earlier;

    public BackupWriter(Path root, PrintStream notes) {
        this.root = root;
        this.notes = notes;
    }

    public Manifest write(OutputStream out, Options o) throws IOException {
        String started = Instant.now().toString();
        tar = new TarWriter(out);
        earlier = o.earlier();
        List<Manifest.User> users = new ArrayList<>();
        for (Path home : homes()) {
            TarEntry e = FileTree.entry(home, "home/" + home.getFileName());
            users.add(
                    new Manifest.User(home.getFileName().toString(), e.uid(), e.gid(), "/home/" + home.getFileName()));
            tree(home, "home/" + home.getFileName());
        }
        for (String name : ArchiveLayout.FILES) {
            if (name.equals(ArchiveLayout.rel(io.littlehub.common.config.Layout.HUB_DB))) {
                database(name, o.database());
            } else {
                tree(root.resolve(name), name);
            }
        }
        for (String name : ArchiveLayout.TREES) {
            tree(root.resolve(name), name);
        }
        String secrets = Manifest.SECRETS_OMITTED;
        if (o.passphrase() != null) {
            byte[] box = SecretsBundle.seal(secrets(), o.passphrase());
            TarEntry e = TarEntry.file(
                    ArchiveLayout.SECRETS,
                    0600,
                    0,
                    0,
                    "root",
                    "root",
                    box.length,
                    Instant.now().getEpochSecond());
            entries.add(Manifest.Entry.of(e, tar.putFile(e, box)));
            secrets = Manifest.SECRETS_ENCRYPTED;
        }
        Manifest m = new Manifest(
                Manifest.FORMAT,
                io.littlehub.common.BuildInfo.version(),
                o.hub(),
                o.host(),
                started,
                Instant.now().toString(),
                secrets,
                users,
                entries,
                noted);
        m.writeTo(tar);
        tar.finish();
        out.flush();
        return m;
    }

    /** The students' (and admins') homes: /home/jupyter-*, real folders only. */
    private List<Path> homes() throws IOException {
        Path home = root.resolve("home");
        if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(home)) {
            return s.filter(p -> ArchiveLayout.homeUser("home/" + p.getFileName()) != null)
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
    }

    /** {@code path} and, for a folder, everything under it in name order; nothing when it does not exist. */
    private void tree(Path path, String name) throws IOException {
        TarEntry e;
        try {
            e = FileTree.entry(path, name);
        } catch (NoSuchFileException gone) {
            return;
        }
        if (e == null) {
            note(name + ": left out (not a file, folder or link)");
            return;
        }
        switch (e.type()) {
            case DIRECTORY -> {
                add(e, null);
                List<Path> children;
                try (Stream<Path> s = Files.list(path)) {
                    children = s.sorted().toList();
                } catch (NoSuchFileException gone) {
                    return;
                }
                for (Path c : children) {
                    tree(c, name + "/" + c.getFileName());
                }
            }
            case SYMLINK -> add(e, null);
            case FILE -> {
                String same = earlier.sameAs(e);
                if (same != null) {
                    tar.putReused(e, same);
                    entries.add(Manifest.Entry.of(e, same));
                    return;
                }
                try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                    add(e, in);
                } catch (NoSuchFileException gone) {
                    note(name + ": left out (deleted while the backup ran)");
                }
            }
        }
    }

    private void database(String name, Path snapshot) throws IOException {
        if (snapshot == null) {
            note(name + ": left out (the hub has no database yet)");
            return;
        }
        TarEntry s = FileTree.entry(snapshot, name);
        TarEntry e = TarEntry.file(name, 0600, 0, 0, "root", "root", s.size(), s.mtime());
        try (InputStream in = Files.newInputStream(snapshot)) {
            add(e, in);
        }
    }

    private void add(TarEntry e, InputStream content) throws IOException {
        tar.putEntry(e);
        if (content != null && !tar.copy(content)) {
            note(
                    e.name()
                            + ": changed while the backup read it (its copy is padded with zeros: back up again when it is not in use)");
        }
        entries.add(Manifest.Entry.of(e, tar.closeEntry()));
    }

    private List<SecretsBundle.Secret> secrets() throws IOException {
        List<String> names = new ArrayList<>(ArchiveLayout.SECRET_FILES);
        Path state = root.resolve(ArchiveLayout.FIRSTUSE_PREFIX).getParent();
        String base = root.resolve(ArchiveLayout.FIRSTUSE_PREFIX).getFileName().toString();
        if (Files.isDirectory(state)) {
            try (Stream<Path> s = Files.list(state)) {
                s.map(p -> p.getFileName().toString())
                        .filter(f -> f.startsWith(base))
                        .sorted()
                        .forEach(f -> names.add(ArchiveLayout.FIRSTUSE_PREFIX.substring(
                                        0, ArchiveLayout.FIRSTUSE_PREFIX.length() - base.length())
                                + f));
            }
        }
        for (String tree : ArchiveLayout.SECRET_TREES) {
            Path top = root.resolve(tree);
            if (Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
                // Parents sort before what is in them, so a restore makes each folder before its contents.
                try (Stream<Path> s = Files.walk(top)) {
                    s.map(p -> tree + (p.equals(top) ? "" : "/" + top.relativize(p)))
                            .sorted()
                            .forEach(names::add);
                }
            }
        }
        List<SecretsBundle.Secret> out = new ArrayList<>();
        for (String name : names) {
            Path p = root.resolve(name);
            TarEntry e;
            try {
                e = FileTree.entry(p, name);
            } catch (NoSuchFileException gone) {
                continue;
            }
            if (e != null && e.type() == TarEntry.Type.DIRECTORY && ArchiveLayout.secretTreeOf(name) != null) {
                out.add(new SecretsBundle.Secret(e, new byte[0]));
                continue;
            }
            if (e == null || e.type() != TarEntry.Type.FILE) {
                note(name + ": left out of the secrets (not a regular file)");
                continue;
            }
            byte[] content = Files.readAllBytes(p);
            out.add(new SecretsBundle.Secret(
                    TarEntry.file(name, e.mode(), e.uid(), e.gid(), e.uname(), e.gname(), content.length, e.mtime()),
                    content));
        }
        return out;
    }

    private void note(String message) {
        noted.add(message);
        notes.println("note: " + message);
    }
}
