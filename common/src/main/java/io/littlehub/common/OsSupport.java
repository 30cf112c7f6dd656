package io.littlehub.common;

import java.util.List;
import java.util.Map;

/**
 * Every difference between the operating systems littlehub supports, in one place: which releases are accepted,
 * and which Java runtime package runs the agent there. Debian 12 is proven by the tests, Debian 13 by the slower suite
 * (FreshProvisionIT with -Dlittlehub.debian13=true); Ubuntu 24.04 is supported by design (Ubuntu's archive cannot be
 * reached from this project's machines). Ubuntu 22.04 is refused:
 * its Python 3.10 cannot install the pinned ipykernel and its Node.js 12 cannot run configurable-http-proxy 5.
 */
public final class OsSupport {
    /** The verdict on a machine: {@code problems} empty means it can be provisioned. */
    public record Verdict(List<String> problems, String javaPackage) {
        public boolean supported() {
            return problems.isEmpty();
        }
    }

    private static final Map<String, String> JAVA_BY_RELEASE = Map.of(
            "debian 12", "openjdk-17-jre-headless",
            "debian 13", "openjdk-21-jre-headless",
            "ubuntu 24.04", "openjdk-21-jre-headless");
    static final long MIN_MEMORY = 900L << 20;
    static final long MIN_FREE_DISK = 3L << 30;
    static final int MIN_SYSTEMD = 243;

    private OsSupport() {}

    public static Verdict check(Facts f) {
        List<String> problems = new java.util.ArrayList<>();
        String release = f.osId() + " " + f.osVersion();
        String java = JAVA_BY_RELEASE.get(release);
        if (release.equals("ubuntu 22.04")) {
            problems.add(
                    "Ubuntu 22.04 is too old for the current Jupyter stack (Python 3.10, Node.js 12): use Ubuntu 24.04 or Debian 12");
        } else if (java == null) {
            problems.add(
                    f.osName()
                            + " is not supported: use Debian 12 or 13, or Ubuntu 24.04 (a fresh VM from your provider's image list)");
        }
        if (!List.of("amd64", "x86_64", "aarch64", "arm64").contains(f.architecture())) {
            problems.add("architecture " + f.architecture() + " is not supported: use an x86_64 (amd64) or arm64 VM");
        }
        if (f.systemdVersion() < MIN_SYSTEMD) {
            problems.add("systemd " + f.systemdVersion() + " is too old (jupyterhub-systemdspawner needs " + MIN_SYSTEMD
                    + " or newer)");
        }
        if (f.memoryBytes() < MIN_MEMORY) {
            problems.add("the VM has " + (f.memoryBytes() >> 20)
                    + " MB of memory; a hub needs at least 1 GB: pick a bigger size (`littlehub size` helps)");
        }
        if (f.freeDiskBytes() < MIN_FREE_DISK) {
            problems.add("only " + (f.freeDiskBytes() >> 20)
                    + " MB free on /; the hub's environments need at least 3 GB: grow the disk");
        }
        return new Verdict(problems, java);
    }
}
