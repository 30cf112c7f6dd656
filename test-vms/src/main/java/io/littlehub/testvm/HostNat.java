package io.littlehub.testvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Outbound access for systemd-nspawn VMs: each VM sits on its own veth in 10.23.SLOT.0/24 and reaches the package
 * registries through one nftables masquerade table. IP forwarding is switched on for the first VM and set back to
 * its earlier value when the last one goes.
 */
final class HostNat {
    static final String TABLE = "littlehub_testvm";
    static final String SUBNET = "10.23.0.0/16";
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");

    private HostNat() {}

    static String hostAddress(int slot) {
        return "10.23." + slot + ".1";
    }

    static String vmAddress(int slot) {
        return "10.23." + slot + ".2";
    }

    static boolean active() {
        return HostCommand.run(List.of("nft", "list", "table", "ip", TABLE)).ok();
    }

    static void ensure(Workspace ws) {
        Path before = ws.host().resolve("ip_forward.before");
        try {
            if (!Files.exists(before)) {
                Files.writeString(before, Files.readString(IP_FORWARD).strip());
            }
            Files.writeString(IP_FORWARD, "1");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot enable IP forwarding (the harness must run as root)", e);
        }
        if (!active()) {
            String uplink = uplink();
            HostCommand.check("nft", "add", "table", "ip", TABLE);
            HostCommand.check(
                    "nft", "add", "chain", "ip", TABLE, "post", "{ type nat hook postrouting priority 100; }");
            HostCommand.check(
                    "nft", "add", "rule", "ip", TABLE, "post", "ip", "saddr", SUBNET, "oifname", uplink, "masquerade");
        }
    }

    static void release(Workspace ws) {
        if (active()) {
            HostCommand.check("nft", "delete", "table", "ip", TABLE);
        }
        Path before = ws.host().resolve("ip_forward.before");
        try {
            if (Files.exists(before)) {
                Files.writeString(IP_FORWARD, Files.readString(before).strip());
                Files.delete(before);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore IP forwarding", e);
        }
    }

    /** The interface of the default route: where the registries are. */
    static String uplink() {
        String out = HostCommand.check("ip", "-o", "route", "show", "default");
        String[] f = out.trim().split("\\s+");
        for (int i = 0; i + 1 < f.length; i++) {
            if (f[i].equals("dev")) {
                return f[i + 1];
            }
        }
        throw new HarnessException("the host has no default route, so test VMs could not reach the package registries");
    }
}
