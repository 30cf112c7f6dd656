package io.littlehub.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.ExitCodes;
import io.littlehub.agent.backup.ArchiveVerifier;
import io.littlehub.agent.backup.Manifest;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.testvm.TestVms;
import io.littlehub.testvm.Vm;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 7's backups on VMs: a student's work backed up to the laptop as one verified archive; a tampered or truncated
 * copy refused before the target host is touched; the source VM destroyed; the archive restored onto a fresh VM,
 * where every home file matches the manifest byte for byte and the student signs in with the same password.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupIT {
    @AutoClose
    static TeacherLaptop source;
    @AutoClose
    static Vm target;
    static Path dir;
    static Path passphrase;
    static Path archive;

    static Run littlehub(String... args) {
        return source.littlehub(args);
    }

    static Manifest manifestOf(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return ArchiveVerifier.verify(in, (entry, content) -> { }).manifest();
        }
    }

    @BeforeAll
    static void aStudentHasWork() throws Exception {
        source = TeacherLaptop.boot("bak-" + ProcessHandle.current().pid());
        dir = Files.createTempDirectory("littlehub-backups");
        passphrase = dir.resolve("passphrase");
        Files.writeString(passphrase, "correct horse battery staple\n");
        assertEquals(ExitCodes.OK, littlehub("add-student", "ada").exit());
        HubClient ada = new HubClient(source.base);
        assertEquals(200, ada.login("ada", "ada-password").statusCode());
        ada.startServer("ada", Duration.ofSeconds(180));
        ada.execute("ada", "import os; open('notes.txt', 'w').write('week 1: sorting'); "
                + "os.makedirs('project/data', exist_ok=True); open('project/data/blob.bin', 'wb').write(os.urandom(3 << 20)); 1");
    }

    @Test
    @Order(1)
    void backupStreamsOneVerifiedArchiveToTheLaptop() throws Exception {
        Run backup = littlehub("backup", "--to", dir.toString(), "--passphrase-file", passphrase.toString());
        assertEquals(ExitCodes.OK, backup.exit(), backup.toString());
        try (Stream<Path> files = Files.list(dir)) {
            archive = files.filter(p -> p.toString().endsWith(".littlehub-backup.tar")).findFirst().orElseThrow();
        }
        Manifest manifest = manifestOf(archive);
        String notes = source.vm.check("sudo", "sha256sum", "/home/jupyter-ada/notes.txt").split(" ")[0];
        assertTrue(manifest.entries().stream().anyMatch(e -> e.path().equals("home/jupyter-ada/notes.txt") && notes.equals(e.sha256())),
                "the manifest holds ada's notes with their sha256");
        assertTrue(manifest.entries().stream().anyMatch(e -> e.path().equals("opt/littlehub/state/jupyterhub.sqlite")), "the hub database");
        assertTrue(manifest.hasSecrets(), "the secrets, encrypted");
        System.out.printf("backup: %d bytes%n", Files.size(archive));
    }

    @Test
    @Order(2)
    void aTamperedOrTruncatedArchiveIsRefusedBeforeTheHostIsTouched() throws Exception {
        target = TestVms.open().up("bak-new-" + ProcessHandle.current().pid(), TestVms.UpOptions.defaults().owned(true));
        byte[] bytes = Files.readAllBytes(archive);
        Path tampered = dir.resolve("tampered.tar");
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x20;
        Files.write(tampered, flipped);
        Path truncated = dir.resolve("truncated.tar");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        for (Path bad : List.of(tampered, truncated)) {
            Run r = restore(bad);
            assertNotEquals(ExitCodes.OK, r.exit(), r.toString());
            assertTrue(r.err().contains("Nothing was changed"), r.toString());
        }
        assertEquals(1, target.exec("test", "-e", "/etc/littlehub").exitCode(), "the fresh VM was not touched");
    }

    static Run restore(Path file) {
        return littlehub("restore", file.toString(), target.user() + "@127.0.0.1", "-p", Integer.toString(target.sshPort()),
                "-i", target.identity().toString(), "--yes", "--name", "restored", "--passphrase-file", passphrase.toString());
    }

    @Test
    @Order(3)
    void restoreOntoAFreshVmBringsBackEveryFileAndTheSameSignIn() throws Exception {
        source.close();
        Run r = restore(archive);
        assertEquals(ExitCodes.OK, r.exit(), r.toString());

        List<String> homeFiles = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Manifest.Entry e : manifestOf(archive).entries()) {
            if (e.path().startsWith("home/") && "file".equals(e.type())) {
                homeFiles.add("/" + e.path());
                expected.add(e.sha256() + "  /" + e.path());
            }
        }
        List<String> argv = new ArrayList<>(List.of("sudo", "sha256sum", "--"));
        argv.addAll(homeFiles);
        assertEquals(expected, target.check(argv.toArray(String[]::new)).lines().toList(), "every home file byte-identical");

        String base = "http://127.0.0.1:" + target.httpPort();
        HubClient ada = new HubClient(base);
        assertFalse(new HubClient(base).login("ada", "another-password").uri().getPath().endsWith("/hub/home"), "ada's account kept its password");
        assertEquals(200, ada.login("ada", "ada-password").statusCode());
        ada.startServer("ada", Duration.ofSeconds(180));
        assertEquals("'week 1: sorting'", ada.execute("ada", "open('notes.txt').read()"));
    }
}
