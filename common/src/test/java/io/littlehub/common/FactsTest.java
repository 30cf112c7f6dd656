package io.littlehub.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FactsTest {
    private static final String DEBIAN_12 = """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            ID=debian
            """;
    private static final String UBUNTU_2404 = """
            PRETTY_NAME="Ubuntu 24.04.1 LTS"
            NAME="Ubuntu"
            VERSION_ID="24.04"
            ID=ubuntu
            ID_LIKE=debian
            """;

    @Test
    void readsDebianFacts() {
        Facts f = Facts.parse(
                DEBIAN_12,
                "MemTotal:        2014556 kB\nMemFree: 1 kB\n",
                "systemd 252 (252.36-1~deb12u1)\n+PAM +AUDIT\n",
                "amd64",
                5_000_000_000L);
        assertEquals("debian", f.osId());
        assertEquals("12", f.osVersion());
        assertEquals("Debian GNU/Linux 12 (bookworm)", f.osName());
        assertEquals(2014556L * 1024, f.memoryBytes());
        assertEquals(252, f.systemdVersion());
        assertEquals(5_000_000_000L, f.freeDiskBytes());
    }

    @Test
    void readsUbuntuVersionWithDot() {
        Facts f = Facts.parse(UBUNTU_2404, "MemTotal: 1024 kB\n", "systemd 255 (255.4-1ubuntu8)\n", "aarch64", 0);
        assertEquals("ubuntu", f.osId());
        assertEquals("24.04", f.osVersion());
        assertEquals(255, f.systemdVersion());
        assertEquals("aarch64", f.architecture());
    }

    @Test
    void unknownSystemdVersionIsZero() {
        assertEquals(0, Facts.parse("ID=alpine\n", "", "openrc\n", "amd64", 0).systemdVersion());
    }
}
