package io.littlehub.cli.localvm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one seam between the product CLI and the test-VM harness (host-root code: NAT tables, mounts, debootstrap).
 * The CLI never compiles against the harness: {@code try} runs the harness's own launcher jar as a child process,
 * {@code java -jar littlehub-local-vm.jar up NAME --backend B}, which prints one line of JSON ({@link LocalVm}).
 * Its progress goes to our stderr as it happens.
 */
public final class LocalVmLauncher {
    /** The launcher's file name beside the CLI's jar in an installed littlehub. */
    public static final String JAR_NAME = "littlehub-local-vm.jar";
    /** Points at the launcher jar explicitly (tests, unusual installs). */
    public static final String JAR_ENV = "LITTLEHUB_LOCAL_VM_JAR";

    private final Path jar;

    LocalVmLauncher(Path jar) {
        this.jar = jar;
    }

    /** The launcher of this installation: $LITTLEHUB_LOCAL_VM_JAR, beside the CLI's jar, or the checkout's build. */
    public static LocalVmLauncher find() {
        return new LocalVmLauncher(locate(System.getenv(), ownJar())
                .orElseThrow(() -> new IllegalStateException("the local test-VM launcher (" + JAR_NAME
                        + ") is not installed beside littlehub; in a checkout, "
                        + "`mvn -B -q -pl test-vms -am -DskipTests package` builds it, or set " + JAR_ENV)));
    }

    static Optional<Path> locate(Map<String, String> env, Path cliJar) {
        String explicit = env.get(JAR_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        if (cliJar == null) {
            return Optional.empty();
        }
        Path folder = cliJar.toAbsolutePath().getParent();
        for (Path candidate :
                List.of(folder.resolve(JAR_NAME), folder.resolve("lib").resolve(JAR_NAME))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        // A checkout: cli/target/littlehub.jar beside test-vms/target/littlehub-test-vms-VERSION-all.jar.
        Path module = folder.getParent();
        Path built = module == null ? null : module.resolveSibling("test-vms").resolve("target");
        if (built != null && Files.isDirectory(built)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(built, "littlehub-test-vms-*-all.jar")) {
                for (Path j : jars) {
                    return Optional.of(j);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    private static Path ownJar() {
        try {
            Path p = Path.of(LocalVmLauncher.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }

    /** The child's command line: the same Java that runs us, the launcher jar, the verb. */
    List<String> command(List<String> verb) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("-jar");
        argv.add(jar.toString());
        argv.addAll(verb);
        return argv;
    }

    static List<String> upVerb(String name, String backend) {
        return List.of("up", name, "--backend", backend);
    }

    static List<String> hostPackagesVerb(String backend, boolean yes) {
        List<String> verb = new ArrayList<>(List.of("host-packages", "--backend", backend));
        if (yes) {
            verb.add("--yes");
        }
        return verb;
    }

    static List<String> downVerb(String name) {
        return List.of("down", name);
    }

    /** Stops and deletes the VM NAME (nothing of it stays on this machine); the launcher's exit code. */
    public int down(String name) {
        try {
            return new ProcessBuilder(command(downVerb(name)))
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the local test-VM launcher " + jar + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the local test VM " + name, e);
        }
    }

    /**
     * Makes sure the host has what the backend needs: the harness lists what is missing and installs it (asking on our
     * terminal, which it shares; {@code yes}: without asking), or says exactly what to install.
     */
    public void hostPackages(String backend, boolean yes) {
        try {
            int exit = new ProcessBuilder(command(hostPackagesVerb(backend, yes)))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (exit != 0) {
                throw new IllegalStateException("this machine lacks packages the local test VM needs (the launcher said"
                        + " which above; exit " + exit + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the local test-VM launcher " + jar + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the host's packages", e);
        }
    }

    /** Boots (or reuses) the VM NAME; throws with the launcher's exit code when it fails (its reason is on stderr). */
    public LocalVm up(String name, String backend) {
        ProcessBuilder pb = new ProcessBuilder(command(upVerb(name, backend)))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            int exit = p.waitFor();
            if (exit != 0 || out.isEmpty()) {
                throw new IllegalStateException("the local test VM " + name + " did not come up (the launcher exited "
                        + exit + "; its reason is above)");
            }
            String last = out.substring(out.lastIndexOf('\n') + 1);
            return new ObjectMapper().readValue(last, LocalVm.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the local test-VM launcher " + jar + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the local test VM " + name + " was booting", e);
        }
    }
}
