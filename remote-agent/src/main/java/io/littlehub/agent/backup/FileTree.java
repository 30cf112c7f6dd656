package io.littlehub.agent.backup;

import io.littlehub.common.backup.TarEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How a path on disk becomes a {@link TarEntry}: type, mode, numeric owner and owner names, never following links. */
final class FileTree {
    /**
     * Owner and group names by number. The JDK looks a name up (getpwuid) at every read of a file's owner: for the
     * tens of thousands of files of a class that was most of the agent's time (test-vms/bench-backup); a class has a
     * few dozen owners.
     */
    private static final Map<Long, String> USERS = new ConcurrentHashMap<>();

    private static final Map<Long, String> GROUPS = new ConcurrentHashMap<>();

    private static final long MAX_MTIME = 077777777777L;

    private FileTree() {}

    /** The entry for {@code path} under {@code name}; null for what a backup does not store (sockets, fifos, devices). */
    static TarEntry entry(Path path, String name) throws IOException {
        Map<String, Object> unix = Files.readAttributes(
                path,
                "unix:mode,uid,gid,size,lastModifiedTime,isDirectory,isRegularFile,isSymbolicLink",
                LinkOption.NOFOLLOW_LINKS);
        int mode = ((Integer) unix.get("mode")) & 07777;
        long uid = ((Integer) unix.get("uid")).longValue() & 0xffffffffL;
        long gid = ((Integer) unix.get("gid")).longValue() & 0xffffffffL;
        // As a ustar header holds it (0 to 8^11 - 1), so the manifest, which compares times, says the same.
        long mtime = Math.max(0, Math.min(((FileTime) unix.get("lastModifiedTime")).toMillis() / 1000, MAX_MTIME));
        String uname = USERS.get(uid);
        String gname = GROUPS.get(gid);
        if (uname == null || gname == null) {
            PosixFileAttributes posix =
                    Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            uname = USERS.computeIfAbsent(uid, u -> posix.owner().getName());
            gname = GROUPS.computeIfAbsent(gid, g -> posix.group().getName());
        }
        if ((Boolean) unix.get("isSymbolicLink")) {
            return TarEntry.symlink(name, Files.readSymbolicLink(path).toString(), uid, gid, uname, gname, mtime);
        }
        if ((Boolean) unix.get("isDirectory")) {
            return TarEntry.directory(name, mode, uid, gid, uname, gname, mtime);
        }
        if ((Boolean) unix.get("isRegularFile")) {
            return TarEntry.file(name, mode, uid, gid, uname, gname, (Long) unix.get("size"), mtime);
        }
        return null;
    }
}
