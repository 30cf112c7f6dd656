package io.littlehub.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.testvm.HostPackages;
import io.littlehub.testvm.Vm;
import io.littlehub.testvm.VmSsh;
import io.littlehub.testvm.junit.TestVm;
import java.io.IOException;
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
 * nothing without a terminal or --yes, and with --yes installs them from Debian's mirror; a checkout's bin/build-tools
 * does the same for the JDK and Maven.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallIT {
    @TestVm(backend = "nspawn")
    static Vm laptop;

    static TeacherMachine teacher;

    @BeforeAll
    static void copyTheReleaseIn() throws IOException {
        teacher = TeacherMachine.withRelease(laptop);
    }

    private static VmSsh.Result run(String script) {
        return teacher.run(script);
    }

    @Test
    @Order(1)
    void theLaptopHasNoJavaAndNoMaven() {
        assertFalse(run("command -v java || command -v javac || command -v mvn").ok());
    }

    @Test
    @Order(2)
    void aDamagedArchiveIsRefusedAndNothingIsInstalled() {
        String name = teacher.archiveName();
        VmSsh.Result r = run("cp " + name + " damaged-" + name + " && printf x >> damaged-" + name + " && cp " + name
                + ".sha256 damaged-" + name + ".sha256 && sh install.sh damaged-" + name);
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("Nothing is installed"), r.stderr());
        assertFalse(run("test -e .local/share/littlehub || test -e .local/bin/littlehub")
                .ok());
    }

    @Test
    @Order(3)
    void installShInstallsItAndItRunsOnItsOwnRuntime() {
        VmSsh.Result r = teacher.install();
        assertEquals(0, r.exitCode(), r.stderr());
        String version = run(TeacherMachine.LITTLEHUB + " --version").stdout().strip();
        assertTrue(version.matches("littlehub \\d+\\.\\d+\\.\\d+ \\(commit [0-9a-f]{7}.*\\)"), version);
        String size = run(TeacherMachine.LITTLEHUB + " size --students 30").stdout();
        assertTrue(size.contains("30 students") && size.contains("memory"), size);
        run("ssh-keygen -q -t ed25519 -N '' -f .ssh/id_ed25519");
        String userData = run(TeacherMachine.LITTLEHUB + " cloud-init").stdout();
        assertTrue(userData.startsWith("#cloud-config"), userData);
        assertTrue(
                userData.contains(
                        run("cut -d' ' -f2 .ssh/id_ed25519.pub").stdout().strip()),
                userData);
        System.out.println("installed size: "
                + run("du -sh .local/share/littlehub").stdout().strip());
    }

    @Test
    @Order(4)
    void tryListsWhatTheLocalVmNeedsAndInstallsItOnlyWhenTold() {
        List<String> missing = HostPackages.forBackend("nspawn").stream()
                .map(HostPackages.Need::pkg)
                .filter(p -> !run("dpkg-query -W -f='${Status}' " + p + " | grep -q 'install ok installed'")
                        .ok())
                .toList();
        assertFalse(missing.isEmpty(), "a fresh Debian lacks the nspawn backend's packages");

        VmSsh.Result refused = run("sudo " + TeacherMachine.LITTLEHUB + " try");
        assertEquals(1, refused.exitCode());
        String said = refused.stdout() + refused.stderr();
        for (String p : missing) {
            assertTrue(said.contains(p), p + " is named: " + said);
        }
        assertTrue(said.contains("Run again with --yes"), said);
        assertFalse(run("command -v nft || command -v systemd-nspawn").ok(), "nothing installed without --yes");

        long t = System.nanoTime();
        // What follows the packages (a local VM inside this VM) is reported, not asserted: see the report.
        VmSsh.Result yes = run("sudo timeout 300 " + TeacherMachine.LITTLEHUB + " try --yes");
        System.out.printf("try --yes ran %d s (exit %d)%n", (System.nanoTime() - t) / 1_000_000_000, yes.exitCode());
        assertTrue(yes.stdout().contains("Installed " + String.join(" ", missing) + "."), yes.stdout());
        for (String p : missing) {
            assertTrue(
                    run("dpkg-query -W -f='${Status}' " + p + " | grep -q 'install ok installed'")
                            .ok(),
                    p);
        }
    }

    @Test
    @Order(5)
    void aCheckoutsBuildToolsAreOfferedThenInstalledWithYes() throws IOException {
        laptop.ssh()
                .client()
                .newSCPFileTransfer()
                .upload(new FileSystemFile(Path.of("..", "bin", "build-tools").toFile()), TeacherMachine.HOME + "/");
        VmSsh.Result refused = run("bash build-tools < /dev/null");
        assertEquals(1, refused.exitCode());
        assertTrue(
                refused.stderr().contains("lacks: openjdk-17-jdk-headless maven")
                        || refused.stderr()
                                .contains("needs packages this machine lacks: openjdk-17-jdk-headless maven"),
                refused.stderr());
        assertTrue(refused.stderr().contains("Run again with --yes"), refused.stderr());

        long t = System.nanoTime();
        assertEquals(0, run("bash build-tools --yes < /dev/null").exitCode());
        System.out.printf("build-tools --yes took %d s%n", (System.nanoTime() - t) / 1_000_000_000);
        assertTrue(run("javac -version && mvn -v").ok());
    }
}
