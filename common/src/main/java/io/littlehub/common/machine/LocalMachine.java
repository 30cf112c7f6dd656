package io.littlehub.common.machine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The machine the agent runs on (as root). */
public final class LocalMachine implements Machine {
    @Override
    public CommandResult run(List<String> argv) {
        return run(argv, line -> {});
    }

    @Override
    public CommandResult run(List<String> argv, Consumer<String> progress) {
        return run(argv, null, progress);
    }

    @Override
    public CommandResult run(List<String> argv, byte[] stdin) {
        return run(argv, stdin, line -> {});
    }

    @Override
    public CommandResult run(List<String> argv, byte[] stdin, Consumer<String> progress) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        pb.environment().put("LC_ALL", "C.UTF-8");
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        try {
            Process p = pb.start();
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin);
                }
            }
            StringBuilder err = new StringBuilder();
            Thread errReader = new Thread(() -> pump(p.getErrorStream(), err, progress));
            errReader.start();
            StringBuilder out = new StringBuilder();
            pump(p.getInputStream(), out, progress);
            errReader.join();
            return new CommandResult(p.waitFor(), out.toString(), err.toString());
        } catch (IOException e) {
            return new CommandResult(127, "", "cannot run " + argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(130, "", "interrupted");
        }
    }

    private static void pump(InputStream in, StringBuilder sink, Consumer<String> progress) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (sink) {
                    sink.append(line).append('\n');
                }
                progress.accept(line);
            }
        } catch (IOException ignored) {
            // The process closed its output.
        }
    }

    @Override
    public Optional<FileState> stat(String path) {
        Path p = Path.of(path);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String hash = a.isRegularFile() ? sha256(Files.readAllBytes(p)) : null;
            // The "unix" view includes setgid and sticky bits, which the POSIX view leaves out.
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
            return Optional.of(new FileState(
                    a.isDirectory(), a.owner().getName(), a.group().getName(), mode, hash));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<FileStamp> stamp(String path) {
        Path p = Path.of(path);
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.isRegularFile()
                    ? Optional.of(new FileStamp(a.size(), a.lastModifiedTime().toInstant()))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<byte[]> read(String path) {
        Path p = Path.of(path);
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> list(String directory) {
        Path dir = Path.of(directory);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(String path, byte[] content, String owner, String group, int mode) {
        Path target = Path.of(path);
        Path tmp = target.resolveSibling("." + target.getFileName() + ".littlehub-tmp");
        try {
            Files.createDirectories(target.getParent());
            // Create with the final mode from the start, so a secret is never readable by others, not even briefly.
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(permissions(mode & 0600)));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(content));
                ch.force(true);
            }
            setAttributes(tmp.toString(), owner, group, mode);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    @Override
    public void makeDirectory(String path, String owner, String group, int mode) {
        try {
            Files.createDirectories(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
        setAttributes(path, owner, group, mode);
    }

    @Override
    public void setAttributes(String path, String owner, String group, int mode) {
        Path p = Path.of(path);
        try {
            UserPrincipalLookupService lookup = p.getFileSystem().getUserPrincipalLookupService();
            PosixFileAttributeView view =
                    Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal user = lookup.lookupPrincipalByName(owner);
            GroupPrincipal grp = lookup.lookupPrincipalByGroupName(group);
            view.setOwner(user);
            view.setGroup(grp);
            view.setPermissions(permissions(mode));
            if ((mode & 07000) != 0) {
                // Java's POSIX view has no setgid/sticky bits: chmod sets them (argument list, octal from an int).
                CommandResult r = run(List.of("chmod", Integer.toOctalString(mode), path));
                if (!r.ok()) {
                    throw new IOException(r.stderr());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set owner/mode of " + path, e);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(order[i]);
            }
        }
        return s;
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
