package io.littlehub.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.testvm.HostPackages;
import io.littlehub.testvm.Vm;
import io.littlehub.testvm.VmSsh;
import io.littlehub.testvm.junit.TestVm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.schmizz.sshj.xfer.FileSystemFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A fresh test VM stands in for a teacher's laptop (Debian 12, no JDK, no Maven): the Linux archive this build made
 * is copied in and installed by install.sh, and the installed littlehub runs there on its own Java runtime. Then the
 * same machine checks the README's first command: `littlehub try` lists the packages the local VM needs, installs
 * nothing without a terminal or --yes, and with --yes installs them from Debian's mirror.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallIT {
    private static final String HOME = "/home/tester";
    private static final String LITTLEHUB = HOME + "/.local/bin/littlehub";

    @TestVm(backend = "nspawn")
    static Vm laptop;

    static Path archive;

    @BeforeAll
    static void copyTheReleaseIn() throws IOException {
        archive = only("littlehub-*-linux-x86_64.tar.gz");
        long t = System.nanoTime();
        for (Path file : List.of(archive, archive.resolveSibling(archive.getFileName() + ".sha256"),
                Path.of("target", "install.sh"))) {
            laptop.ssh().client().newSCPFileTransfer().upload(new FileSystemFile(file.toFile()), HOME + "/");
        }
        System.out.printf("copied %s (%.1f MB) into %s in %d ms%n", archive.getFileName(), Files.size(archive) / 1e6,
                laptop.name(), (System.nanoTime() - t) / 1_000_000);
    }

    private static Path only(String glob) {
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of("target"), glob)) {
            for (Path p : found) {
                return p;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no target/" + glob + ": `mvn -B package` builds the archive first");
    }

    private static VmSsh.Result run(String script) {
        VmSsh.Result r = laptop.ssh().shell(script);
        System.out.println("$ " + script + "\n" + r.stdout() + r.stderr() + "(exit " + r.exitCode() + ")");
        return r;
    }

    @Test
    @Order(1)
    void theLaptopHasNoJavaAndNoMaven() {
        assertFalse(run("command -v java || command -v javac || command -v mvn").ok());
    }

    @Test
    @Order(2)
    void aDamagedArchiveIsRefusedAndNothingIsInstalled() {
        String name = archive.getFileName().toString();
        VmSsh.Result r = run("cp " + name + " damaged-" + name + " && printf x >> damaged-" + name
                + " && cp " + name + ".sha256 damaged-" + name + ".sha256 && sh install.sh damaged-" + name);
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("Nothing is installed"), r.stderr());
        assertFalse(run("test -e .local/share/littlehub || test -e .local/bin/littlehub").ok());
    }

    @Test
    @Order(3)
    void installShInstallsItAndItRunsOnItsOwnRuntime() {
        long t = System.nanoTime();
        VmSsh.Result r = run("sh install.sh " + archive.getFileName());
        System.out.printf("install.sh took %d ms%n", (System.nanoTime() - t) / 1_000_000);
        assertEquals(0, r.exitCode(), r.stderr());
        String version = run(LITTLEHUB + " --version").stdout().strip();
        assertTrue(version.matches("littlehub \\d+\\.\\d+\\.\\d+ \\(commit [0-9a-f]{7}.*\\)"), version);
        String size = run(LITTLEHUB + " size --students 30").stdout();
        assertTrue(size.contains("30 students") && size.contains("memory"), size);
        run("ssh-keygen -q -t ed25519 -N '' -f .ssh/id_ed25519");
        String userData = run(LITTLEHUB + " cloud-init").stdout();
        assertTrue(userData.startsWith("#cloud-config"), userData);
        assertTrue(userData.contains(run("cut -d' ' -f2 .ssh/id_ed25519.pub").stdout().strip()), userData);
        System.out.println("installed size: " + run("du -sh .local/share/littlehub").stdout().strip());
    }

    @Test
    @Order(4)
    void tryListsWhatTheLocalVmNeedsAndInstallsItOnlyWhenTold() {
        List<String> missing = HostPackages.forBackend("nspawn").stream().map(HostPackages.Need::pkg)
                .filter(p -> !run("dpkg-query -W -f='${Status}' " + p + " | grep -q 'install ok installed'").ok())
                .toList();
        assertFalse(missing.isEmpty(), "a fresh Debian lacks the nspawn backend's packages");

        VmSsh.Result refused = run("sudo " + LITTLEHUB + " try");
        assertEquals(1, refused.exitCode());
        String said = refused.stdout() + refused.stderr();
        for (String p : missing) {
            assertTrue(said.contains(p), p + " is named: " + said);
        }
        assertTrue(said.contains("Run again with --yes"), said);
        assertFalse(run("command -v nft || command -v systemd-nspawn").ok(), "nothing installed without --yes");

        long t = System.nanoTime();
        // What follows the packages (a local VM inside this VM) is reported, not asserted: see the report.
        VmSsh.Result yes = run("sudo timeout 300 " + LITTLEHUB + " try --yes");
        System.out.printf("try --yes ran %d s (exit %d)%n", (System.nanoTime() - t) / 1_000_000_000, yes.exitCode());
        assertTrue(yes.stdout().contains("Installed " + String.join(" ", missing) + "."), yes.stdout());
        for (String p : missing) {
            assertTrue(run("dpkg-query -W -f='${Status}' " + p + " | grep -q 'install ok installed'").ok(), p);
        }
    }
}
