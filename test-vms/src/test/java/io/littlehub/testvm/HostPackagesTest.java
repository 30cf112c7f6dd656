package io.littlehub.testvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The host packages as data: a machine's probes in, the missing packages and the plan out. */
class HostPackagesTest {
    private static final String DEBIAN = "PRETTY_NAME=\"Debian GNU/Linux 12\"\nID=debian\nVERSION_ID=\"12\"\n";
    private static final String UBUNTU = "NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"\n";
    private static final String MINT = "NAME=\"Linux Mint\"\nID=linuxmint\nID_LIKE=\"ubuntu debian\"\n";
    private static final String FEDORA = "NAME=\"Fedora Linux\"\nID=fedora\nVERSION_ID=41\n";

    /** A fresh Debian machine: coreutils and iproute2 but none of the harness's tools. */
    private static final Set<String> FRESH = Set.of("ip", "/usr/share/keyrings/debian-archive-keyring.gpg");

    @Test
    void aFreshMachineMissesEverythingButWhatDebianShipsForTheNspawnBackend() {
        List<HostPackages.Need> missing = HostPackages.missing(HostPackages.forBackend("nspawn"), FRESH::contains);
        assertEquals(
                List.of("systemd-container", "nftables", "socat", "debootstrap", "openssh-client"),
                missing.stream().map(HostPackages.Need::pkg).toList());
        HostPackages.Plan plan = HostPackages.plan(missing, HostPackages.Host.of(DEBIAN, true), "littlehub try");
        assertNull(plan.instruction());
        assertEquals(
                List.of(
                        List.of("apt-get", "update", "-q"),
                        List.of(
                                "apt-get",
                                "install",
                                "-y",
                                "--no-install-recommends",
                                "systemd-container",
                                "nftables",
                                "socat",
                                "debootstrap",
                                "openssh-client")),
                plan.commands());
    }

    @Test
    void nothingMissingIsNothingToDo() {
        HostPackages.Plan plan = HostPackages.plan(
                HostPackages.missing(HostPackages.forBackend("qemu"), p -> true),
                HostPackages.Host.of(DEBIAN, true),
                "littlehub try");
        assertTrue(plan.satisfied());
        assertEquals(List.of(), plan.commands());
    }

    @Test
    void theTestsNeedBothBackendsAndTheirOwnToolsEachPackageOnce() {
        List<String> pkgs =
                HostPackages.forTests().stream().map(HostPackages.Need::pkg).toList();
        assertEquals(pkgs.stream().distinct().toList(), pkgs);
        for (String p : List.of(
                "systemd-container",
                "nftables",
                "socat",
                "iproute2",
                "debootstrap",
                "qemu-system-x86",
                "qemu-utils",
                "e2fsprogs",
                "btrfs-progs",
                "openssh-client",
                "curl",
                "openssl",
                "pebble",
                "python3-venv",
                "chromium",
                "fonts-dejavu-core")) {
            assertTrue(pkgs.contains(p), p);
        }
        assertFalse(pkgs.contains("docker.io"), "the Docker tests skip themselves without Docker");
    }

    @Test
    void ubuntuAndItsDerivativesAreDebianLike() {
        assertTrue(HostPackages.Host.of(UBUNTU, true).debianLike());
        assertTrue(HostPackages.Host.of(MINT, true).debianLike());
        assertFalse(HostPackages.Host.of(FEDORA, true).debianLike());
        assertFalse(HostPackages.Host.of("", true).debianLike(), "no /etc/os-release: not known to be Debian");
    }

    @Test
    void anotherSystemIsToldTheCommandsAndDebianNamesNothingRun() {
        List<HostPackages.Need> missing = HostPackages.missing(HostPackages.forBackend("nspawn"), FRESH::contains);
        HostPackages.Plan plan = HostPackages.plan(missing, HostPackages.Host.of(FEDORA, true), "littlehub try");
        assertEquals(List.of(), plan.commands());
        assertTrue(plan.instruction().contains("systemd-nspawn (Debian's systemd-container)"), plan.instruction());
        assertTrue(plan.instruction().contains("nft (Debian's nftables)"), plan.instruction());
        assertTrue(plan.instruction().contains("ID=fedora"), plan.instruction());
        assertFalse(plan.instruction().contains("apt-get"), plan.instruction());
    }

    @Test
    void notRootOnDebianIsToldTheExactInstallCommand() {
        List<HostPackages.Need> missing =
                HostPackages.missing(HostPackages.forBackend("nspawn"), p -> !p.equals("nft"));
        HostPackages.Plan plan = HostPackages.plan(missing, HostPackages.Host.of(DEBIAN, false), "littlehub try");
        assertEquals(List.of(), plan.commands());
        assertTrue(
                plan.instruction().contains("apt-get install -y --no-install-recommends nftables"), plan.instruction());
    }

    @Test
    void anUnknownBackendIsRefusedByName() {
        HarnessException e = assertThrows(HarnessException.class, () -> HostPackages.forBackend("lxc"));
        assertTrue(e.getMessage().contains("nspawn, qemu or docker"), e.getMessage());
    }

    @Test
    void commandsAreFoundOnThePathOrInSbinAndFilesByTheirPath() {
        assertTrue(HostPackages.presentHere("sh"));
        assertTrue(HostPackages.presentHere("/"));
        assertFalse(HostPackages.presentHere("no-such-command-littlehub"));
        assertFalse(HostPackages.presentHere("/no/such/file"));
    }
}
