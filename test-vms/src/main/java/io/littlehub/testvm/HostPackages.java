package io.littlehub.testvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one place that knows which Debian packages the harness needs on the host, per backend and for the whole test
 * suite; `littlehub try`, the backends' own checks, `vm host-packages` and {@code bin/test} (so CI) all ask it. Pure:
 * which needs are missing is decided from a probe, what to do about them from the OS and who runs it
 * ({@link #plan}); {@link HostPackageInstall} asks and runs the plan.
 */
public final class HostPackages {
    /** A Debian/Ubuntu package, and how to tell it is there: a command on the PATH (or sbin), or an absolute file. */
    public record Need(String pkg, String probe) {
        String describe() {
            return pkg + " (" + probe + ")";
        }
    }

    /** What this machine is, as far as installing goes. */
    public record Host(String osId, boolean debianLike, boolean root) {
        /** Debian or Ubuntu (or a derivative saying so in ID_LIKE) from /etc/os-release's text. */
        static Host of(String osRelease, boolean root) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : osRelease.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(
                            line.substring(0, eq).trim(),
                            line.substring(eq + 1).trim().replace("\"", ""));
                }
            }
            String id = fields.getOrDefault("ID", "unknown");
            String like = id + " " + fields.getOrDefault("ID_LIKE", "");
            boolean debian =
                    List.of(like.split("\\s+")).stream().anyMatch(w -> w.equals("debian") || w.equals("ubuntu"));
            return new Host(id, debian, root);
        }
    }

    /**
     * What to do: nothing ({@code missing} empty), run {@code commands} (as root, after asking), or tell the person
     * {@code instruction} (they must do it themselves).
     */
    public record Plan(List<Need> missing, List<List<String>> commands, String instruction) {
        public boolean satisfied() {
            return missing.isEmpty();
        }

        public List<String> packages() {
            return missing.stream().map(Need::pkg).distinct().toList();
        }
    }

    private static final Need KEYRING =
            new Need("debian-archive-keyring", "/usr/share/keyrings/debian-archive-keyring.gpg");
    private static final Need DEBOOTSTRAP = new Need("debootstrap", "debootstrap");
    private static final Need SSH_KEYGEN = new Need("openssh-client", "ssh-keygen");
    private static final Map<String, List<Need>> BACKENDS = Map.of(
            "nspawn",
                    List.of(
                            new Need("systemd-container", "systemd-nspawn"),
                            new Need("nftables", "nft"),
                            new Need("socat", "socat"),
                            new Need("iproute2", "ip"),
                            DEBOOTSTRAP,
                            KEYRING,
                            SSH_KEYGEN),
            "qemu",
                    List.of(
                            new Need("qemu-system-x86", "qemu-system-x86_64"),
                            new Need("qemu-utils", "qemu-img"),
                            new Need("e2fsprogs", "mkfs.ext4"),
                            DEBOOTSTRAP,
                            KEYRING,
                            SSH_KEYGEN),
            "docker", List.of(new Need("docker.io", "docker"), SSH_KEYGEN));
    /**
     * The end-to-end tests' own tools on the host: HTTPS (curl, openssl, Pebble as the ACME CA), the browser, and a
     * Python venv (the Zero to JupyterHub chart's hub config is run in one: ChartHubConfigTest), and btrfs for a home
     * disk whose quota groups this host's kernel keeps (DiskQuotaBtrfsIT; it has no user-quota format).
     */
    private static final List<Need> TEST_TOOLS = List.of(
            new Need("btrfs-progs", "mkfs.btrfs"),
            new Need("python3-venv", "/usr/share/doc/python3-venv"),
            new Need("curl", "curl"),
            new Need("openssl", "openssl"),
            new Need("pebble", "/usr/bin/pebble"),
            new Need("chromium", "/usr/bin/chromium"),
            new Need("fonts-dejavu-core", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));

    private static final List<String> SBIN = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private HostPackages() {}

    /** What one backend needs; an unknown backend is refused naming the known ones. */
    public static List<Need> forBackend(String backend) {
        List<Need> needs = BACKENDS.get(backend);
        if (needs == null) {
            throw new HarnessException("unknown backend " + backend + ": use nspawn, qemu or docker");
        }
        return needs;
    }

    /** What `mvn -B verify` needs besides the build's JDK and Maven: the nspawn and QEMU backends, the test tools. */
    public static List<Need> forTests() {
        Map<String, Need> all = new LinkedHashMap<>();
        for (List<Need> needs : List.of(forBackend("nspawn"), forBackend("qemu"), TEST_TOOLS)) {
            needs.forEach(n -> all.putIfAbsent(n.pkg(), n));
        }
        return List.copyOf(all.values());
    }

    /** The needs {@code present} says are not there, in order. */
    public static List<Need> missing(List<Need> needs, Predicate<String> present) {
        return needs.stream().filter(n -> !present.test(n.probe())).toList();
    }

    /** The needs missing on this machine. */
    public static List<Need> missingHere(List<Need> needs) {
        return missing(needs, HostPackages::presentHere);
    }

    /** For a backend's own check: refuses to go on while its packages are missing, naming them and the installer. */
    static void require(String backend) {
        List<Need> missing = missingHere(forBackend(backend));
        if (!missing.isEmpty()) {
            throw new HarnessException("this machine lacks packages the " + backend + " backend needs: "
                    + String.join(", ", missing.stream().map(Need::describe).toList())
                    + " (`test-vms/vm host-packages --backend " + backend + " --yes` installs them)");
        }
    }

    /** This machine, from /etc/os-release and the user running. */
    public static Host thisHost() {
        String osRelease;
        try {
            osRelease = Files.readString(Path.of("/etc/os-release"));
        } catch (IOException e) {
            osRelease = "";
        }
        return Host.of(
                osRelease,
                ProcessHandle.current().info().user().map("root"::equals).orElse(false));
    }

    /** Pure: what to do about {@code missing} on {@code host}; {@code purpose} (who needs them) is for messages. */
    public static Plan plan(List<Need> missing, Host host, String purpose) {
        if (missing.isEmpty()) {
            return new Plan(missing, List.of(), null);
        }
        List<String> packages = missing.stream().map(Need::pkg).distinct().toList();
        if (!host.debianLike()) {
            return new Plan(
                    missing,
                    List.of(),
                    "this machine lacks what " + purpose + " needs: "
                            + String.join(
                                    ", ",
                                    missing.stream()
                                            .map(n -> n.probe() + " (Debian's " + n.pkg() + ")")
                                            .toList())
                            + ". This is not Debian or Ubuntu (ID=" + host.osId() + " in /etc/os-release), so littlehub"
                            + " does not install them: install what provides these with your system's package manager,"
                            + " then run again");
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
        install.addAll(packages);
        if (!host.root()) {
            return new Plan(
                    missing,
                    List.of(),
                    "this machine lacks packages " + purpose + " needs: "
                            + String.join(", ", packages) + ". Install them as root: " + String.join(" ", install)
                            + " (the local VMs need root too: run as root)");
        }
        return new Plan(missing, List.of(List.of("apt-get", "update", "-q"), install), null);
    }

    /** A command on the PATH or in sbin (the harness runs as root, whose PATH has it), or an absolute file. */
    static boolean presentHere(String probe) {
        if (probe.startsWith("/")) {
            return Files.exists(Path.of(probe));
        }
        LinkedHashSet<String> dirs = new LinkedHashSet<>(
                List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(SBIN);
        return dirs.stream().filter(d -> !d.isEmpty()).anyMatch(d -> Files.isExecutable(Path.of(d, probe)));
    }
}
