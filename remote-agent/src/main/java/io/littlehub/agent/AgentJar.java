package io.littlehub.agent;

import io.littlehub.common.machine.Machine;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The jar this agent runs from (none when it runs from a folder of classes, as in tests). */
public final class AgentJar {
    private AgentJar() {}

    public static Optional<Path> path() {
        try {
            Path self = Path.of(AgentJar.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Files.isRegularFile(self) ? Optional.of(self) : Optional.empty();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What tells this agent's code from another's without reading it: the jar's path, size and modification time
     * (what the JVM itself checks a jar's class-data archive by). Empty without a jar: nothing is cached then.
     */
    public static Optional<String> stamp(Machine machine) {
        return path().flatMap(jar ->
                machine.stamp(jar.toString()).map(s -> jar + " size=" + s.size() + " modified=" + s.modified()));
    }
}
