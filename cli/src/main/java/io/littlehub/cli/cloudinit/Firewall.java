package io.littlehub.cli.cloudinit;

import java.util.List;

/**
 * The firewall the cloud-init user-data sets up: an nftables table of its own (not /etc/nftables.conf, which the
 * nftables package owns and flushes everything with) loaded by a unit of its own, so it works the same on Debian
 * (no ufw) and Ubuntu (ufw installed but off), leaves other tables alone, and comes back at every boot.
 */
public final class Firewall {
    public static final List<Integer> OPEN_PORTS = List.of(22, 80, 443);
    public static final String RULES_PATH = "/etc/littlehub-firewall.nft";
    public static final String UNIT = "littlehub-firewall.service";
    public static final String UNIT_PATH = "/etc/systemd/system/" + UNIT;
    static final String TABLE = "inet littlehub_firewall";

    private Firewall() {}

    /** The ruleset: everything out, in only replies, loopback, ICMP, DHCP answers and TCP 22, 80, 443. */
    public static String rules() {
        return String.join(
                "\n",
                "#!/usr/sbin/nft -f",
                "# From `littlehub cloud-init`: only SSH (22), HTTP (80) and HTTPS (443) come in; everything may go out.",
                "# Loaded by " + UNIT + ". Creating then deleting the table first makes a reload replace it.",
                "table " + TABLE,
                "delete table " + TABLE,
                "table " + TABLE + " {",
                "    chain input {",
                "        type filter hook input priority filter; policy drop;",
                "        ct state established,related accept",
                "        ct state invalid drop",
                "        iif lo accept",
                "        # ping and path MTU discovery; IPv6 stops working without neighbour discovery",
                "        meta l4proto { icmp, ipv6-icmp } accept",
                "        # DHCP answers that conntrack cannot match to a request (renewals by broadcast)",
                "        udp sport 67 udp dport 68 accept",
                "        ip6 saddr fe80::/10 udp sport 547 udp dport 546 accept",
                "        tcp dport { "
                        + String.join(
                                ", ", OPEN_PORTS.stream().map(String::valueOf).toList()) + " } accept",
                "    }",
                "}",
                "");
    }

    /** Loads the ruleset before the network comes up, as nftables.service does. */
    public static String unit() {
        return String.join(
                "\n",
                "[Unit]",
                "Description=littlehub firewall: only SSH, HTTP and HTTPS come in",
                "Wants=network-pre.target",
                "Before=network-pre.target shutdown.target",
                "Conflicts=shutdown.target",
                "DefaultDependencies=no",
                "",
                "[Service]",
                "Type=oneshot",
                "RemainAfterExit=yes",
                "ExecStart=/usr/sbin/nft -f " + RULES_PATH,
                "ExecReload=/usr/sbin/nft -f " + RULES_PATH,
                "ExecStop=/usr/sbin/nft delete table " + TABLE,
                "",
                "[Install]",
                "WantedBy=sysinit.target",
                "");
    }
}
