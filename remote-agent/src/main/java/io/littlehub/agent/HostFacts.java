package io.littlehub.agent;

import io.littlehub.common.Facts;
import io.littlehub.common.machine.Machine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Gathers this machine's {@link Facts} through {@link Machine} (the laptop parses the same texts over SSH). */
final class HostFacts {
    private HostFacts() {}

    static Facts gather(Machine machine) throws IOException {
        return Facts.parse(
                text(machine, "/etc/os-release"),
                text(machine, "/proc/meminfo"),
                machine.run(List.of("systemctl", "--version")).stdout(),
                System.getProperty("os.arch"),
                Files.getFileStore(Path.of("/")).getUsableSpace());
    }

    private static String text(Machine machine, String path) {
        return machine.read(path)
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse("");
    }
}
