package io.littlehub.common.backup;

/**
 * One entry of a littlehub backup archive: a regular file, a directory or a symbolic link (nothing else is stored).
 * {@code name} is relative (no leading {@code /}, no {@code ..}), with {@code /} between parts and none at the end.
 *
 * @param mode permission bits (and set-id/sticky bits), e.g. 0700
 * @param size bytes of content; 0 for directories and links
 * @param mtime seconds since the epoch
 * @param linkTarget the symlink's target, else null
 */
public record TarEntry(
        String name,
        Type type,
        int mode,
        long uid,
        long gid,
        String uname,
        String gname,
        long size,
        long mtime,
        String linkTarget) {

    public enum Type {
        FILE,
        DIRECTORY,
        SYMLINK
    }

    public TarEntry {
        TarNames.check(name);
        if (type == Type.SYMLINK && (linkTarget == null || linkTarget.isEmpty() || linkTarget.indexOf('\0') >= 0)) {
            throw new TarFormatException(name + ": a symbolic link needs a target");
        }
        if (type != Type.FILE && size != 0) {
            throw new TarFormatException(name + ": only regular files have content");
        }
        if (size < 0 || uid < 0 || gid < 0 || mode < 0 || mode > 07777) {
            throw new TarFormatException(name + ": negative size, owner or bad mode");
        }
        uname = uname == null ? "" : uname;
        gname = gname == null ? "" : gname;
    }

    public static TarEntry file(
            String name, int mode, long uid, long gid, String uname, String gname, long size, long mtime) {
        return new TarEntry(name, Type.FILE, mode, uid, gid, uname, gname, size, mtime, null);
    }

    public static TarEntry directory(
            String name, int mode, long uid, long gid, String uname, String gname, long mtime) {
        return new TarEntry(name, Type.DIRECTORY, mode, uid, gid, uname, gname, 0, mtime, null);
    }

    public static TarEntry symlink(
            String name, String target, long uid, long gid, String uname, String gname, long mtime) {
        return new TarEntry(name, Type.SYMLINK, 0777, uid, gid, uname, gname, 0, mtime, target);
    }
}
