package io.littlehub.agent.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;

/** How a path on disk becomes a {@link TarEntry}: type, mode, numeric owner and owner names, never following links. */
final class FileTree {
    private FileTree() {
    }

    /** The entry for {@code path} under {@code name}; null for what a backup does not store (sockets, fifos, devices). */
    static TarEntry entry(Path path, String name) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes posix = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int mode = ((Integer) unix.get("mode")) & 07777;
        long uid = ((Integer) unix.get("uid")).longValue() & 0xffffffffL;
        long gid = ((Integer) unix.get("gid")).longValue() & 0xffffffffL;
        long mtime = ((FileTime) unix.get("lastModifiedTime")).toMillis() / 1000;
        String uname = posix.owner().getName();
        String gname = posix.group().getName();
        if (posix.isSymbolicLink()) {
            return TarEntry.symlink(name, Files.readSymbolicLink(path).toString(), uid, gid, uname, gname, mtime);
        }
        if (posix.isDirectory()) {
            return TarEntry.directory(name, mode, uid, gid, uname, gname, mtime);
        }
        if (posix.isRegularFile()) {
            return TarEntry.file(name, mode, uid, gid, uname, gname, posix.size(), mtime);
        }
        return null;
    }
}
