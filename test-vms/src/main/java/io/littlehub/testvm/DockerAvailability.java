package io.littlehub.testvm;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers here. Checked cheaply first, because many hosts (CI here) have none. */
public final class DockerAvailability {
    private static Boolean answer;

    private DockerAvailability() {}

    public static synchronized boolean engineAnswers() {
        if (answer == null) {
            String home = System.getProperty("user.home");
            boolean hint = System.getenv("DOCKER_HOST") != null
                    || Files.exists(Path.of("/var/run/docker.sock"))
                    || Files.exists(Path.of(home, ".docker/run/docker.sock"))
                    || Files.exists(Path.of(home, ".testcontainers.properties"));
            try {
                answer = hint && DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | NoClassDefFoundError e) {
                // No engine, or a build without Testcontainers (the littlehub CLI ships without it).
                answer = false;
            }
        }
        return answer;
    }
}
