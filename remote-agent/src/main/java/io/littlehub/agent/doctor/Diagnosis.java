package io.littlehub.agent.doctor;

import io.littlehub.agent.release.SemVer;
import io.littlehub.agent.status.FullHomeDisk;
import io.littlehub.agent.status.HubStatus;
import io.littlehub.agent.status.SignInPolicy;
import io.littlehub.agent.status.StatusReport;
import java.util.ArrayList;
import java.util.List;

/** From what {@code doctor} observed to its findings, one per check, in a fixed order. Pure. */
public final class Diagnosis {
    static final double MEMORY_LOW = 0.10;
    static final long CLOCK_SKEW_SECONDS = 60;

    /**
     * What the checks look at. {@code clockSkewSeconds} and {@code laptopVersion} are null when doctor runs on the VM
     * (no laptop to compare with); {@code proxyStatus} is the health URL's HTTP status through the proxy (-1: no answer);
     * {@code staleUnits}: student server units the hub does not count as running (or failed ones); {@code rehearsal}:
     * what a rehearsal that died left. A full disk of the homes names the biggest ({@link HubStatus#biggest_homes}).
     */
    public record Observations(
            HubStatus status,
            List<String> configProblems,
            List<String> environmentProblems,
            Long clockSkewSeconds,
            String healthUrl,
            int proxyStatus,
            List<StaleUnits.Stale> staleUnits,
            String laptopVersion,
            RehearsalLeftovers rehearsal,
            QuotaUse quotas) {}

    static final java.time.Duration CERTIFICATE_SOON = java.time.Duration.ofDays(14);

    private Diagnosis() {}

    public static List<Finding> of(Observations o) {
        List<Finding> out = new ArrayList<>();
        out.add(units(o.status()));
        out.addAll(disks(o.status()));
        out.add(memory(o.status()));
        out.add(config(o.configProblems()));
        out.add(environment(o.environmentProblems()));
        out.add(clock(o.clockSkewSeconds()));
        out.add(port(o.healthUrl(), o.proxyStatus()));
        out.add(certificate(o.status()));
        out.add(signIn(o.status()));
        out.add(staleUnits(o.staleUnits()));
        out.add(o.rehearsal().finding());
        out.add(o.quotas().finding());
        out.add(version(
                o.status().release() == null ? null : o.status().release().littlehub(), o.laptopVersion()));
        return out;
    }

    /** Open sign-up over plain HTTP is a problem a person decides about (nothing for --fix to run). */
    private static Finding signIn(HubStatus s) {
        HubStatus.SignIn signIn = s.sign_in();
        if (signIn == null) {
            return Finding.problem(
                    "sign-in",
                    "the config could not be read: " + s.problems().getOrDefault("sign_in", "unknown"),
                    "`littlehub config validate` on the VM says why",
                    List.of());
        }
        if (signIn.warning() != null) {
            return Finding.problem("sign-in", signIn.warning(), SignInPolicy.FIX, List.of());
        }
        return Finding.ok("sign-in", signIn.open_signup() ? "open sign-up, over HTTPS" : "only the roster may sign in");
    }

    private static Finding units(HubStatus s) {
        List<String> down = new ArrayList<>();
        List<List<String>> restart = new ArrayList<>();
        for (HubStatus.Unit u : new HubStatus.Unit[] {s.hub(), s.proxy()}) {
            if (u != null && !u.active()) {
                down.add(u.unit() + " is " + u.active_state());
                if ("failed".equals(u.active_state())) {
                    restart.add(List.of("systemctl", "reset-failed", u.unit()));
                }
                restart.add(List.of("systemctl", "restart", u.unit()));
            }
        }
        if (s.hub() == null || s.proxy() == null) {
            return Finding.problem(
                    "units",
                    "systemd could not be asked: " + s.problems().getOrDefault("units", "unknown"),
                    "run `sudo systemctl status jupyterhub littlehub-proxy` on the VM (`littlehub ssh`)",
                    List.of());
        }
        if (down.isEmpty()) {
            return Finding.ok("units", "jupyterhub and littlehub-proxy are active");
        }
        return Finding.problem(
                "units",
                String.join("; ", down),
                "start it again (doctor --fix does), then `littlehub logs hub` (or proxy) tells why it stopped",
                restart);
    }

    private static List<Finding> disks(HubStatus s) {
        if (s.disks() == null) {
            return List.of(Finding.problem(
                    "disk",
                    "df could not be read: " + s.problems().getOrDefault("disks", "unknown"),
                    "run `df -h` on the VM (`littlehub ssh`)",
                    List.of()));
        }
        List<Finding> out = new ArrayList<>();
        for (HubStatus.Disk d : s.disks()) {
            String detail = FullHomeDisk.describe(d) + FullHomeDisk.named(d, s.biggest_homes());
            out.add(
                    FullHomeDisk.full(d)
                            ? Finding.problem(
                                    "disk",
                                    detail,
                                    FullHomeDisk.FREE_SPACE,
                                    List.of(List.of("journalctl", "--vacuum-size=200M")))
                            : Finding.ok("disk", detail));
        }
        return out;
    }

    private static Finding memory(HubStatus s) {
        HubStatus.Memory m = s.memory();
        if (m == null) {
            return Finding.problem("memory", "/proc/meminfo could not be read", "run `free -h` on the VM", List.of());
        }
        String detail = StatusReport.size(m.available_bytes()) + " available of " + StatusReport.size(m.total_bytes());
        if ((double) m.available_bytes() / m.total_bytes() >= MEMORY_LOW) {
            return Finding.ok("memory", detail);
        }
        return Finding.problem(
                "memory",
                "memory pressure: only " + detail,
                "lower the per-student limit (`littlehub config set limits.memory 512M`), let the culler stop idle servers"
                        + " sooner (services.cull.timeout), or move to a VM with more memory",
                List.of());
    }

    /**
     * HTTPS's certificate: none served (with HTTPS on), or expiring within {@link #CERTIFICATE_SOON}, is a problem.
     * Caddy renews an ACME certificate when a third of its life is left (a month, for Let's Encrypt's 90 days), so
     * a certificate this close to its end was not renewed, or is the school's own, which nobody renews but the school.
     */
    private static Finding certificate(HubStatus s) {
        HubStatus.Certificate c = s.certificate();
        if (c == null) {
            return Finding.problem(
                    "certificate",
                    "HTTPS is on, but " + s.problems().getOrDefault("certificate", "no certificate is served"),
                    "check that the domain points at the VM and ports 80 and 443 are open, then read `littlehub logs https`",
                    List.of());
        }
        if (c.expires() == null) {
            return Finding.ok(
                    "certificate", c.note() + " (students' passwords cross the network unencrypted: README, HTTPS)");
        }
        java.time.Duration left =
                java.time.Duration.between(java.time.Instant.parse(s.time()), java.time.Instant.parse(c.expires()));
        if (left.compareTo(CERTIFICATE_SOON) > 0) {
            return Finding.ok("certificate", c.note());
        }
        return Finding.problem(
                "certificate",
                (left.isNegative() ? "expired: " : "expires soon: ") + c.note(),
                "an ACME certificate that was not renewed: `littlehub logs https` says why; a school's own: copy the renewed"
                        + " files over https.tls.cert/key and `littlehub ssh -- sudo systemctl restart littlehub-https`",
                List.of());
    }

    private static Finding config(List<String> problems) {
        if (problems.isEmpty()) {
            return Finding.ok("config", "/etc/littlehub/config.yaml is valid");
        }
        return Finding.problem(
                "config",
                problems.size() + " problem(s) in /etc/littlehub/config.yaml: "
                        + String.join("; ", problems.subList(0, Math.min(3, problems.size()))),
                "`littlehub config edit` (it shows each problem at its line and applies only a valid file)",
                List.of());
    }

    private static Finding environment(List<String> problems) {
        if (problems.isEmpty()) {
            return Finding.ok("users' environment", "jupyterlab, notebook, ipykernel and jupyterhub.singleuser import");
        }
        return Finding.problem(
                "users' environment",
                "broken: " + String.join("; ", problems),
                "`littlehub env rebuild` reinstalls its last good state (a few minutes; running servers keep running)",
                List.of());
    }

    private static Finding clock(Long skewSeconds) {
        if (skewSeconds == null) {
            return Finding.ok("clock", "not compared (run doctor from the laptop to compare the clocks)");
        }
        if (Math.abs(skewSeconds) <= CLOCK_SKEW_SECONDS) {
            return Finding.ok("clock", "within " + Math.abs(skewSeconds) + " s of this laptop");
        }
        return Finding.problem(
                "clock",
                "the VM's clock is " + Math.abs(skewSeconds) + " s " + (skewSeconds > 0 ? "ahead of" : "behind")
                        + " this laptop's: sign-in cookies and tokens expire early or late",
                "turn on time synchronisation on the VM (doctor --fix does: timedatectl set-ntp true); if this laptop's clock is"
                        + " the wrong one, fix that instead",
                List.of(List.of("timedatectl", "set-ntp", "true")));
    }

    private static Finding port(String url, int status) {
        if (status == 200) {
            return Finding.ok("port", url + " answers");
        }
        return Finding.problem(
                "port",
                url + " answered " + (status < 0 ? "nothing" : "HTTP " + status),
                "restart the proxy and the hub (doctor --fix does); if it stays, `littlehub logs` and the cloud firewall (port open?)",
                List.of(
                        List.of("systemctl", "restart", "littlehub-proxy.service"),
                        List.of("systemctl", "restart", "jupyterhub.service")));
    }

    private static Finding staleUnits(List<StaleUnits.Stale> units) {
        if (units.isEmpty()) {
            return Finding.ok("student servers", "every running server unit belongs to a server the hub knows");
        }
        return Finding.problem(
                "student servers",
                "stale: "
                        + String.join(
                                ", ",
                                units.stream()
                                        .map(u -> u.unit() + (u.failed() ? " (failed)" : ""))
                                        .toList()),
                "stop them (doctor --fix does): the hub does not count them as running, so no student can reach them;"
                        + " files in the homes stay",
                units.stream().map(StaleUnits.Stale::fix).toList());
    }

    private static Finding version(String hub, String laptop) {
        if (laptop == null || hub == null) {
            return Finding.ok("version", hub == null ? "no release installed" : "the hub runs littlehub " + hub);
        }
        if (laptop.equals(hub)) {
            return Finding.ok("version", "the hub and this laptop run littlehub " + hub);
        }
        boolean laptopNewer = SemVer.parse(laptop).compareTo(SemVer.parse(hub)) > 0;
        return Finding.problem(
                "version",
                "the hub runs littlehub " + hub + ", this laptop " + laptop,
                laptopNewer
                        ? "`littlehub upgrade` moves the hub to " + laptop
                        : "install littlehub " + hub + " on this laptop",
                List.of());
    }
}
