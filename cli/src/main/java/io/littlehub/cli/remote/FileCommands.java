package io.littlehub.cli.remote;

import java.util.List;

/**
 * Files on the VM: folders, removal, renames, a private temporary folder, installing an uploaded file as root, and a
 * file's SHA-256. Every path comes after {@code --} or as a positional argument of {@code sh -c}, never inside the
 * script.
 */
public final class FileCommands {
    /** {@link #sha256}'s exit code when the file does not exist. */
    public static final int NO_SUCH_FILE = 3;

    private FileCommands() {}

    /** {@code mkdir -p -- PATH}. */
    public static List<String> makeDirectories(String path) {
        return List.of("mkdir", "-p", "--", path);
    }

    /** {@code rm -f -- PATH}. */
    public static List<String> remove(String path) {
        return List.of("rm", "-f", "--", path);
    }

    /** {@code rm -rf -- PATH}. */
    public static List<String> removeTree(String path) {
        return List.of("rm", "-rf", "--", path);
    }

    /** {@code mv -f -- FROM TO}: a rename, atomic within one filesystem. */
    public static List<String> move(String from, String to) {
        return List.of("mv", "-f", "--", from, to);
    }

    /** {@code mktemp -d}: a new folder only its owner may enter; its path on stdout. */
    public static List<String> makeTemporaryFolder() {
        return List.of("mktemp", "-d");
    }

    /**
     * Installs {@code staged} as root:root with {@code mode} at {@code beside} (a temporary name next to the target),
     * then renames it to {@code target}: the file is never seen half-written or with the wrong owner.
     */
    public static List<String> installAsRoot(String staged, int mode, String beside, String target) {
        return List.of(
                "sh",
                "-c",
                "install -m \"$1\" -o root -g root -- \"$2\" \"$3\" && mv -f -- \"$3\" \"$4\"",
                "sh",
                String.format("%04o", mode),
                staged,
                beside,
                target);
    }

    /** The file's SHA-256 on stdout ({@code sha256sum}'s format); exit {@link #NO_SUCH_FILE} when it does not exist. */
    public static List<String> sha256(String path) {
        return List.of("sh", "-c", "[ -e \"$1\" ] || exit " + NO_SUCH_FILE + "; sha256sum < \"$1\"", "sh", path);
    }
}
