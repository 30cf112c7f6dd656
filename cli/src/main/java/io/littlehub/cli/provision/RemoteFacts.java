package io.littlehub.cli.provision;

import io.littlehub.common.Facts;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.Result;
import java.util.List;

/** Reads the VM's facts over SSH with plain programs, before Java (and so the agent) is there. */
final class RemoteFacts {
    private RemoteFacts() {
    }

    static Facts gather(RemoteHost host) {
        String osRelease = read(host, List.of("cat", "/etc/os-release"));
        String meminfo = read(host, List.of("cat", "/proc/meminfo"));
        String systemd = host.run(List.of("systemctl", "--version")).stdout();
        String arch = read(host, List.of("uname", "-m")).strip();
        String df = read(host, List.of("df", "-B1", "--output=avail", "/"));
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
            throw new IllegalStateException("reading facts failed: `" + String.join(" ", argv) + "` exited " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r.stdout();
    }

    static String describe(Facts f) {
        return String.format("%s, %s, %.1f GB RAM, %.1f GB free on /, systemd %d", f.osName(), f.architecture(),
                f.memoryBytes() / (double) (1L << 30), f.freeDiskBytes() / (double) (1L << 30), f.systemdVersion());
    }
}
