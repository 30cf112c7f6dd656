package io.littlehub.cli.remote;

import java.util.List;

/** The plain programs that read the VM's facts before Java (and so the agent) is there; each output is parsed. */
public final class FactCommands {
    private FactCommands() {}

    public static List<String> osRelease() {
        return List.of("cat", "/etc/os-release");
    }

    public static List<String> memory() {
        return List.of("cat", "/proc/meminfo");
    }

    public static List<String> systemdVersion() {
        return List.of("systemctl", "--version");
    }

    public static List<String> architecture() {
        return List.of("uname", "-m");
    }

    /** {@code df -B1 --output=avail /}: the bytes free on the root filesystem, under a header line. */
    public static List<String> freeBytesOnRoot() {
        return List.of("df", "-B1", "--output=avail", "/");
    }
}
