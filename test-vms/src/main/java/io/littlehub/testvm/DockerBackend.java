package io.littlehub.testvm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Test VMs as privileged systemd containers on a Docker engine, for laptops that have one (Testcontainers finds the
 * engine and builds the image). Containers are created with the plain Docker client rather than as Testcontainers
 * containers, because a VM from {@code vm up} must outlive the JVM; leftovers are found by label instead.
 */
final class DockerBackend implements Backend {
    private static final String LABEL = "io.littlehub.testvm";
    private static final String NAME_LABEL = "io.littlehub.testvm.name";
    private final Workspace workspace;

    DockerBackend(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public String name() {
        return "docker";
    }

    static boolean available() {
        return DockerAvailability.engineAnswers();
    }

    @Override
    public void checkHost() {
        if (!available()) {
            throw new HarnessException(
                    "no Docker engine is reachable (no DOCKER_HOST, no /var/run/docker.sock that answers): "
                            + "start Docker, or use --backend nspawn (Linux, root) or --backend qemu");
        }
    }

    private static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    @Override
    public Image image(Distro distro) {
        String dockerfile = new String(ImageBuilder.resource("Dockerfile"), StandardCharsets.UTF_8);
        String hash = hash(distro.dockerImage() + "|" + dockerfile + "|"
                + new String(ImageBuilder.resource("ssh-hostkeys.conf"), StandardCharsets.UTF_8) + "|"
                + new String(ImageBuilder.resource("sshd-test.conf"), StandardCharsets.UTF_8));
        Image image = new Image(distro.id(), workspace.images().resolve("docker-" + distro.id() + "-" + hash));
        return workspace.locked(() -> {
            try {
                Workspace.dir(image.dir());
                if (!Files.isRegularFile(image.privateKey())) {
                    HostCommand.check(
                            "ssh-keygen",
                            "-q",
                            "-t",
                            "ed25519",
                            "-N",
                            "",
                            "-C",
                            "littlehub-test-vm",
                            "-f",
                            image.privateKey().toString());
                }
                String tag = tag(image);
                if (!imageExists(tag)) {
                    long start = System.nanoTime();
                    new ImageFromDockerfile(tag, false)
                            .withFileFromString("Dockerfile", dockerfile)
                            .withFileFromString(
                                    "ssh-hostkeys.conf",
                                    new String(ImageBuilder.resource("ssh-hostkeys.conf"), StandardCharsets.UTF_8))
                            .withFileFromString(
                                    "sshd-test.conf",
                                    new String(ImageBuilder.resource("sshd-test.conf"), StandardCharsets.UTF_8))
                            .withFileFromPath("authorized_keys", image.publicKey())
                            .withBuildArg("BASE", distro.dockerImage())
                            .get();
                    Files.writeString(
                            image.buildInfo(),
                            "{\"image\":\"" + tag + "\",\"build_seconds\":"
                                    + Math.round((System.nanoTime() - start) / 1e8) / 10.0 + "}");
                } else if (!Files.isRegularFile(image.buildInfo())) {
                    Files.writeString(image.buildInfo(), "{\"image\":\"" + tag + "\"}");
                }
                return image;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw new HarnessException("building the Docker test image failed: " + e.getMessage(), e);
            }
        });
    }

    private static String tag(Image image) {
        return "littlehub-testvm:" + image.dir().getFileName().toString().substring("docker-".length());
    }

    private static boolean imageExists(String tag) {
        try {
            client().inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public VmState start(Boot boot) {
        VmState vm = boot.vm();
        String id = vm.containerId();
        if (id == null || !containerExists(id)) {
            String from = boot.snapshots().isEmpty()
                    ? tag(boot.image())
                    : boot.snapshots().get(0).containerImage();
            Ports ports = new Ports();
            ports.bind(ExposedPort.tcp(22), Ports.Binding.bindIpAndPort("127.0.0.1", vm.sshPort()));
            ports.bind(ExposedPort.tcp(80), Ports.Binding.bindIpAndPort("127.0.0.1", vm.httpPort()));
            ports.bind(ExposedPort.tcp(443), Ports.Binding.bindIpAndPort("127.0.0.1", vm.httpsPort()));
            HostConfig host = HostConfig.newHostConfig()
                    .withPrivileged(true)
                    .withCgroupnsMode("private")
                    .withTmpFs(Map.of("/run", "rw", "/run/lock", "rw", "/tmp", "rw"))
                    .withPortBindings(ports);
            id = client().createContainerCmd(from)
                    .withName("littlehub-testvm-" + vm.name())
                    .withHostName(vm.name())
                    .withLabels(Map.of(LABEL, workspace.root().toString(), NAME_LABEL, vm.name()))
                    .withExposedPorts(ExposedPort.tcp(22), ExposedPort.tcp(80), ExposedPort.tcp(443))
                    .withHostConfig(host)
                    .exec()
                    .getId();
        }
        try {
            client().startContainerCmd(id).exec();
        } catch (NotModifiedException alreadyRunning) {
            // Started by an earlier call: nothing to do.
        }
        return vm.withContainerId(id);
    }

    private static boolean containerExists(String id) {
        try {
            client().inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public Duration bootTimeout() {
        return Duration.ofSeconds(90);
    }

    @Override
    public boolean isRunning(VmState vm) {
        if (vm.containerId() == null || !available()) {
            return false;
        }
        try {
            InspectContainerResponse r =
                    client().inspectContainerCmd(vm.containerId()).exec();
            return Boolean.TRUE.equals(r.getState().getRunning());
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public void stop(VmState vm, Path dir) {
        if (isRunning(vm)) {
            try {
                client().stopContainerCmd(vm.containerId()).withTimeout(30).exec();
            } catch (NotModifiedException | NotFoundException e) {
                // Already stopped or gone.
            }
        }
    }

    @Override
    public void wipe(VmState vm, Path dir) {
        if (vm.containerId() != null && available()) {
            try {
                client().removeContainerCmd(vm.containerId())
                        .withForce(true)
                        .withRemoveVolumes(true)
                        .exec();
            } catch (NotFoundException e) {
                // Already gone.
            }
        }
    }

    @Override
    public Snapshot saveLayer(VmState vm, Path dir, Snapshot snapshot) {
        String repository = "littlehub-testvm-snapshot";
        client().commitCmd(vm.containerId())
                .withRepository(repository)
                .withTag(snapshot.name())
                .exec();
        return new Snapshot(
                snapshot.name(),
                snapshot.backend(),
                snapshot.image(),
                snapshot.parent(),
                repository + ":" + snapshot.name(),
                snapshot.dir());
    }

    @Override
    public void deleteSnapshot(Snapshot snapshot) {
        if (available()) {
            try {
                client().removeImageCmd(snapshot.containerImage()).exec();
            } catch (NotFoundException e) {
                // Already gone.
            }
        }
        Backend.super.deleteSnapshot(snapshot);
    }

    @Override
    public void sweepOrphans(Workspace ws, Set<String> known) {
        if (!available()) {
            return;
        }
        List<Container> ours = client().listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(LABEL, ws.root().toString()))
                .exec();
        for (Container c : ours) {
            if (!known.contains(c.getLabels().get(NAME_LABEL))) {
                client().removeContainerCmd(c.getId())
                        .withForce(true)
                        .withRemoveVolumes(true)
                        .exec();
            }
        }
    }

    private static String hash(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
