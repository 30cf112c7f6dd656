package io.littlehub.dist;

import io.littlehub.testvm.Vm;
import io.littlehub.testvm.VmSsh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.schmizz.sshj.xfer.FileSystemFile;

/** A test VM as a teacher's laptop: the release this build made copied into the home of its user, tester. */
final class TeacherMachine {
    static final String HOME = "/home/tester";
    static final String LITTLEHUB = HOME + "/.local/bin/littlehub";

    private final Vm vm;
    private final Path archive;

    private TeacherMachine(Vm vm, Path archive) {
        this.vm = vm;
        this.archive = archive;
    }

    /** Copies the Linux archive, its .sha256 and install.sh from target/ into the VM. */
    static TeacherMachine withRelease(Vm vm) throws IOException {
        Path archive = only("littlehub-*-linux-x86_64.tar.gz");
        long t = System.nanoTime();
        for (Path file : List.of(
                archive, archive.resolveSibling(archive.getFileName() + ".sha256"), Path.of("target", "install.sh"))) {
            vm.ssh().client().newSCPFileTransfer().upload(new FileSystemFile(file.toFile()), HOME + "/");
        }
        System.out.printf(
                "copied %s (%.1f MB) into %s in %d ms%n",
                archive.getFileName(), Files.size(archive) / 1e6, vm.name(), (System.nanoTime() - t) / 1_000_000);
        return new TeacherMachine(vm, archive);
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

    String archiveName() {
        return archive.getFileName().toString();
    }

    /** A fixed test script in tester's home, echoed with its output for the log. */
    VmSsh.Result run(String script) {
        VmSsh.Result r = vm.ssh().shell(script);
        System.out.println("$ " + script + "\n" + r.stdout() + r.stderr() + "(exit " + r.exitCode() + ")");
        return r;
    }

    /** install.sh on the copied archive; its result. */
    VmSsh.Result install() {
        long t = System.nanoTime();
        VmSsh.Result r = run("sh install.sh " + archiveName());
        System.out.printf("install.sh took %d ms%n", (System.nanoTime() - t) / 1_000_000);
        return r;
    }
}
