package io.littlehub.cli.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.cli.hubs.Hub;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshArgvTest {
    @Test
    void theHubsSavedConnection() {
        Hub hub = new Hub("class", "203.0.113.7", 2222, "ubuntu", "/home/t/.ssh/class key", "http://203.0.113.7/");
        assertEquals(
                List.of(
                        "ssh",
                        "-p",
                        "2222",
                        "-i",
                        "/home/t/.ssh/class key",
                        "-o",
                        "UserKnownHostsFile=\"/tmp/known hosts\"",
                        "-l",
                        "ubuntu",
                        "--",
                        "203.0.113.7",
                        "sudo",
                        "systemctl",
                        "status",
                        "jupyterhub"),
                SshArgv.of(
                        "ssh", hub, Path.of("/tmp/known hosts"), List.of("sudo", "systemctl", "status", "jupyterhub")));
    }

    @Test
    void withoutKeyOrKnownHostsSshUsesItsOwn() {
        Hub hub = new Hub("class", "class-vm", 22, "root", null, "http://class-vm/");
        assertEquals(
                List.of("ssh", "-p", "22", "-l", "root", "--", "class-vm"), SshArgv.of("ssh", hub, null, List.of()));
    }
}
