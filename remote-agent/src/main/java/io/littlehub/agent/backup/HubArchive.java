package io.littlehub.agent.backup;

import io.littlehub.common.backup.Manifest;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.LocalMachine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One backup archive of the hub on this VM, whatever it is written to (stdout for the laptop, a file for the
 * scheduled backups): a consistent copy of the database made in a private work folder, then {@link BackupWriter}
 * over {@code /}. Notes go to stderr.
 */
final class HubArchive {
    private HubArchive() {}

    /**
     * @param passphrase null: the secrets are left out
     * @param earlier the files the reader's earlier archive holds ({@link QuickCheck#NONE}: a complete archive)
     */
    static Manifest write(OutputStream out, String hub, char[] passphrase, QuickCheck earlier) throws IOException {
        Path work = Files.createTempDirectory(
                Files.createDirectories(Path.of(Layout.RESTORE_DIR).getParent()), "backup-");
        try {
            Path db = new DatabaseSnapshot(new LocalMachine()).copy(Layout.HUB_DB, work);
            return new BackupWriter(Path.of("/"), System.err)
                    .write(out, new BackupWriter.Options(hub, host(), passphrase, db, earlier));
        } finally {
            deleteTree(work);
        }
    }

    /** The VM's host name: the hub's name when none is given (the VM does not know the laptop's name for it). */
    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
