package io.littlehub.agent.backup;

import io.littlehub.agent.ExitCodes;
import io.littlehub.agent.config.Layout;
import io.littlehub.agent.machine.LocalMachine;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code littlehub-agent backup --to-stdout (--no-secrets | --passphrase-stdin) [--hub NAME]}: writes one backup
 * archive (a tar stream, see {@link BackupWriter}) to stdout; notes and errors go to stderr. With
 * {@code --passphrase-stdin} the first line of stdin is the passphrase that encrypts the secrets.
 */
@Command(name = "backup", description = "Write a backup archive of the hub (homes, database, config, history, data, secrets) to stdout.")
public final class BackupCommand implements Callable<Integer> {
    @Option(names = "--to-stdout", required = true, description = "write the archive (a tar stream) to stdout") boolean toStdout;
    @Option(names = "--hub", paramLabel = "NAME", description = "the hub's name, recorded in the manifest") String hub;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Secrets secrets;

    static final class Secrets {
        @Option(names = "--no-secrets", description = "leave the secrets out (students then set new passwords after a restore)") boolean none;
        @Option(names = "--passphrase-stdin", description = "encrypt the secrets with the passphrase on stdin's first line") boolean stdin;
    }

    @Override
    public Integer call() throws Exception {
        char[] passphrase = null;
        if (secrets.stdin) {
            passphrase = Stdin.line(System.in);
            try {
                SecretBox.checkPassphrase(passphrase);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of(Layout.RESTORE_DIR).getParent()), "backup-");
        try {
            Path db = new DatabaseSnapshot(new LocalMachine()).copy(Layout.HUB_DB, work);
            OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
            Manifest m = new BackupWriter(Path.of("/"), System.err)
                    .write(out, new BackupWriter.Options(hub == null ? host() : hub, host(), passphrase, db));
            out.flush();
            System.err.println("backup written: " + m.entries().size() + " entries, " + m.users().size() + " homes, secrets "
                    + m.secrets());
            return ExitCodes.OK;
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
            deleteTree(work);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
