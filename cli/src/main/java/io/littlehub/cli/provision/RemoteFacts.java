package io.littlehub.cli.provision;

import io.littlehub.cli.remote.FactCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.Result;
import io.littlehub.common.Facts;
import java.util.List;

/** Reads the VM's facts over SSH with plain programs, before Java (and so the agent) is there. */
final class RemoteFacts {
    private RemoteFacts() {}

    static Facts gather(RemoteHost host) {
        String osRelease = read(host, FactCommands.osRelease());
        String meminfo = read(host, FactCommands.memory());
        String systemd = host.run(FactCommands.systemdVersion()).stdout();
        String arch = read(host, FactCommands.architecture()).strip();
        String df = read(host, FactCommands.freeBytesOnRoot());
        long free = 0;
        for (String line : df.split("\n")) {
            if (line.strip().matches("\\d+")) {
                free = Long.parseLong(line.strip());
            }
        }
        return Facts.parse(osRelease, meminfo, systemd, arch, free);
    }

    private static String read(RemoteHost host, List<String> argv) {
        Result r = host.run(argv);
        if (!r.ok()) {
            throw new IllegalStateException("reading facts failed: `" + String.join(" ", argv) + "` exited "
                    + r.exitCode() + ": " + r.stderr().strip());
        }
        return r.stdout();
    }

    static String describe(Facts f) {
        return String.format(
                "%s, %s, %.1f GB RAM, %.1f GB free on /, systemd %d",
                f.osName(),
                f.architecture(),
                f.memoryBytes() / (double) (1L << 30),
                f.freeDiskBytes() / (double) (1L << 30),
                f.systemdVersion());
    }
}
