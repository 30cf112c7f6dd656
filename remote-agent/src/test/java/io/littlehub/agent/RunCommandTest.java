package io.littlehub.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code run provision} makes of its --config and --admin before ConfigApply takes over. */
class RunCommandTest {
    @Test
    void adminsAreAddedToUsersAdmin() {
        assertEquals("users:\n  admin:\n  - teacher\n", RunCommand.withAdmins("", List.of("teacher")));
        assertEquals(
                "users:\n  admin: [ada, teacher]\n",
                RunCommand.withAdmins("users:\n  admin: [ada]\n", List.of("teacher", "ada")));
        assertEquals(
                "users:\n  admin:\n  - 'yes'\n",
                RunCommand.withAdmins("", List.of("yes")),
                "a name that YAML reads as true stays a name");
    }

    @Test
    void aConfigThatHasTheAdminsAlreadyKeepsItsTextAndComments() {
        String text = "# our class\nusers:\n  admin: [teacher]   # me\n";
        assertEquals(text, RunCommand.withAdmins(text, List.of("teacher")));
        assertEquals(text, RunCommand.withAdmins(text, List.of()));
    }

    @Test
    void aBrokenFileIsLeftForTheValidatorToReport() {
        assertEquals("users: [\n", RunCommand.withAdmins("users: [\n", List.of("teacher")));
    }

    @Test
    void theHistorySaysWhatTheRunWasGiven() {
        RunCommand run = new RunCommand();
        new CommandLine(run)
                .parseArgs(
                        "provision",
                        "--json",
                        "--config",
                        "/etc/littlehub/config.yaml.provision-ab12",
                        "--admin",
                        "teacher",
                        "--admin",
                        "ada");
        assertEquals("provision --config config.yaml.provision-ab12 --admin teacher --admin ada", run.summary());
        assertEquals(Path.of("/etc/littlehub/config.yaml.provision-ab12"), run.config);
    }
}
