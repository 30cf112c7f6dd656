package io.littlehub.cli.provision;

import io.littlehub.common.Facts;

/** The VM's facts from the outputs of plain programs ({@link Preflight} reads them before Java is there). */
final class RemoteFacts {
    private RemoteFacts() {}

    /** {@code df}: {@code df -B1 --output=avail /}, the bytes free under a header line. */
    static Facts parse(String osRelease, String meminfo, String systemd, String arch, String df) {
        long free = 0;
        for (String line : df.split("\n")) {
            if (line.strip().matches("\\d+")) {
                free = Long.parseLong(line.strip());
            }
        }
        return Facts.parse(osRelease, meminfo, systemd, arch, free);
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
