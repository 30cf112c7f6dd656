package io.littlehub.cli.passwords;

import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.common.ExitCodes;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code add-student … --issue-passwords FILE}: students get a password from the teacher instead of choosing one at
 * their first sign-in. The file is made first (new, the teacher's alone), so a name that cannot be used stops the
 * command before the roster changes; each named student without a password gets one made up, and the file lists
 * {@code name,password} for the teacher to hand out.
 */
public final class IssuedPasswords {
    private final Path file;

    private IssuedPasswords(Path file) {
        this.file = file;
    }

    /** Creates FILE (0600, never over an existing file); an {@link IllegalArgumentException} names the problem and the fix. */
    public static IssuedPasswords create(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(
                    "--issue-passwords " + file + ": the folder " + parent + " does not exist: create it first");
        }
        try {
            if (Files.getFileStore(parent).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            return new IssuedPasswords(file);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(
                    "--issue-passwords " + file + ": the file exists: name a new file (it would hold other passwords)",
                    e);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--issue-passwords " + file + ": cannot create it: " + e.getMessage(), e);
        }
    }

    /** The command did not get as far as issuing: the empty file goes. */
    public void discard() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // An empty file left behind holds nothing secret.
        }
    }

    /** Before the roster changes: issued passwords need FirstUse sign-in (else exit 2, said on {@code err}). */
    public int checkHub(RemoteHost host, PrintStream err) {
        HubPasswords.Stored stored = HubPasswords.stored(host, List.of());
        if (stored.firstUse()) {
            return ExitCodes.OK;
        }
        err.println("littlehub: --issue-passwords needs firstuse sign-in; this hub's is " + stored.auth()
                + "; nothing changed");
        return ExitCodes.USAGE;
    }

    /**
     * Makes up and sets a password for each of {@code names} that has none (on FirstUse hubs only) and writes the file.
     * @return the names that already had a password (they keep it)
     */
    public List<String> issue(RemoteHost host, List<String> names) {
        HubPasswords.Stored stored = HubPasswords.stored(host, names);
        Map<String, String> passwords = new LinkedHashMap<>();
        stored.without(names).forEach(n -> passwords.put(n, GeneratedPassword.next()));
        List<String> set = passwords.isEmpty() ? List.of() : HubPasswords.set(host, passwords, true);
        StringBuilder csv = new StringBuilder("name,password\n");
        set.forEach(n -> csv.append(n).append(',').append(passwords.get(n)).append('\n'));
        try {
            Files.writeString(file, csv, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return names.stream().filter(n -> !set.contains(n)).toList();
    }

    public Path file() {
        return file;
    }
}
