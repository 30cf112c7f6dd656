package io.littlehub.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain programs: apt-get, java, the facts' readers, sudo's probes and prefixes. */
class SystemCommandsTest {
    @Test
    void aptRunsWithoutQuestionsThroughEnvSinceSudoDropsTheEnvironment() {
        assertEquals(
                List.of(
                        "env",
                        "DEBIAN_FRONTEND=noninteractive",
                        "apt-get",
                        "update",
                        "-q",
                        "-o",
                        "APT::Update::Post-Invoke-Success::=touch /run/littlehub-apt-lists-updated"),
                AptCommands.update());
        assertEquals(
                List.of(
                        "env",
                        "DEBIAN_FRONTEND=noninteractive",
                        "apt-get",
                        "install",
                        "-y",
                        "-q",
                        "--no-install-recommends",
                        "openjdk-17-jre-headless",
                        "ca-certificates"),
                AptCommands.install("openjdk-17-jre-headless", "ca-certificates"));
    }

    @Test
    void javaAndTheFacts() {
        assertEquals(List.of("java", "-version"), JavaCommands.version());
        assertEquals(List.of("cat", "/etc/os-release"), FactCommands.osRelease());
        assertEquals(List.of("cat", "/proc/meminfo"), FactCommands.memory());
        assertEquals(List.of("systemctl", "--version"), FactCommands.systemdVersion());
        assertEquals(List.of("uname", "-m"), FactCommands.architecture());
        assertEquals(List.of("df", "-B1", "--output=avail", "/"), FactCommands.freeBytesOnRoot());
    }

    @Test
    void sudoProbesAndPrefixes() {
        assertEquals(
                List.of("sh", "-c", "u=$(id -u); echo \"$u\"; [ \"$u\" = 0 ] || exec sudo -n true"),
                SudoCommands.probe());
        assertEquals(
                List.of(
                        "sh",
                        "-c",
                        "s=$1; shift; if [ \"$(id -u)\" = 0 ]; then exec sh -c \"$s\" root \"$@\"; fi;"
                                + " exec sudo -n -- sh -c \"$s\" sudo \"$@\"",
                        "littlehub-as-root",
                        "echo \"--littlehub-as-root-by-$0\"; exec \"$@\"",
                        "cat",
                        "/etc/os-release"),
                SudoCommands.asRootWithoutPassword(List.of("cat", "/etc/os-release")));
        assertEquals(List.of("true"), SudoCommands.passwordCheck());
        assertEquals(
                List.of("sudo", "-n", "--", "rm", "-f", "--", "/x"),
                SudoCommands.passwordless(List.of("rm", "-f", "--", "/x")));
        assertEquals(
                List.of("sudo", "-k", "-S", "-p", "", "--", "cat", "/etc/shadow"),
                SudoCommands.withPassword(List.of("cat", "/etc/shadow")));
    }
}
