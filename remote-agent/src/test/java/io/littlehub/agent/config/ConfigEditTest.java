package io.littlehub.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.config.ConfigEdit;
import io.littlehub.common.config.ConfigProblem;
import io.littlehub.common.config.ConfigValidator;
import io.littlehub.common.config.HubConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigEditTest {
    @Test
    void setCreatesGroupsAndReadsValuesAsYaml() {
        String text = ConfigEdit.set("", "limits.memory", "2G");
        text = ConfigEdit.set(text, "limits.cpu", "0.5");
        text = ConfigEdit.set(text, "services.cull.enabled", "false");
        assertEquals("limits:\n  memory: 2G\n  cpu: 0.5\nservices:\n  cull:\n    enabled: false\n", text);
        assertEquals(List.of(), new ConfigValidator().validate(text));
        assertEquals(0.5, ConfigEdit.get(HubConfig.load(text), "limits.cpu"));
        assertEquals(
                1800, ConfigEdit.get(HubConfig.load("services: {cull: {timeout: 1800}}"), "services.cull.timeout"));
        assertEquals(
                "lab", ConfigEdit.get(HubConfig.load(""), "user_environment.default_app"), "defaults show through");
    }

    @Test
    void putKeepsAValueAsItIs() {
        assertEquals(
                "backup:\n  schedule: 'off'\n", ConfigEdit.put("", "backup.schedule", "off"), "text, not YAML's false");
        assertEquals(
                "backup:\n  schedule: false\n",
                ConfigEdit.set("", "backup.schedule", "off"),
                "set reads the value as YAML");
        assertEquals("backup:\n  keep: 3\n", ConfigEdit.put("", "backup.keep", 3));
    }

    @Test
    void listsAndUnset() {
        String text = ConfigEdit.addItem("", "users.admin", "teacher");
        text = ConfigEdit.addItem(text, "users.admin", "ta");
        text = ConfigEdit.addItem(text, "users.admin", "ta");
        assertEquals("users:\n  admin:\n  - teacher\n  - ta\n", text);
        text = ConfigEdit.removeItem(text, "users.admin", "teacher");
        assertEquals("users:\n  admin:\n  - ta\n", text);
        assertEquals("", ConfigEdit.unset(text, "users.admin"), "an emptied group goes too");
    }

    @Test
    void refusesWhatCannotBeDone() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigEdit.unset("", "limits.memory"))
                .getMessage()
                .contains("nothing to unset"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigEdit.removeItem("", "users.admin", "x"))
                .getMessage()
                .contains("nothing to remove"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> ConfigEdit.addItem("limits: {memory: 1G}", "limits.memory", "x"))
                .getMessage()
                .contains("not a list"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigEdit.set("", "limits memory", "1G"))
                .getMessage()
                .contains("dotted path"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> ConfigEdit.set("limits: 1G", "limits.memory", "1G"))
                        .getMessage()
                        .contains("holds a value"));
    }

    @Test
    void theHubsOwnPortsAreRefused() {
        assertEquals(
                List.of("line 1: http.port: 8081 is taken on the VM by the hub itself: pick another, like 80 or 8080"),
                new ConfigValidator()
                        .validate("http: {port: 8081}").stream()
                                .map(ConfigProblem::toString)
                                .toList());
    }

    @Test
    void aLockIsHeldUntilClosedAndWaitersHearTheHolder(@TempDir Path dir) {
        Path lock = dir.resolve("config.lock");
        List<String> heard = new java.util.ArrayList<>();
        try (ConfigLock first =
                ConfigLock.acquire(lock, "teacher@laptop", 0, heard::add).orElseThrow()) {
            assertTrue(ConfigLock.holder(lock)
                    .orElseThrow()
                    .startsWith("teacher@laptop (pid " + ProcessHandle.current().pid() + ")"));
            assertEquals(Optional.empty(), ConfigLock.acquire(lock, "ta@laptop", 1, heard::add));
            assertEquals(1, heard.size());
            assertTrue(
                    heard.get(0)
                            .startsWith("waiting up to 1 s for the hub's change lock (" + lock + "), held by"
                                    + " teacher@laptop (pid "),
                    heard.toString());
        }
        assertTrue(ConfigLock.acquire(lock, "ta@laptop", 0, heard::add).isPresent(), "free again once closed");
    }

    @Test
    void theFileOfAHolderThatDiedIsNoLock(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("config.lock");
        Files.writeString(lock, "crashed@vm (pid 999999999) since 2026-11-28T10:00:00Z\n");
        assertFalse(ConfigLock.isHeld(lock));
        try (ConfigLock held = ConfigLock.acquire(lock, "admin@vm", 0, s -> {}).orElseThrow()) {
            assertTrue(ConfigLock.isHeld(lock));
            assertTrue(ConfigLock.holder(lock).orElseThrow().startsWith("admin@vm (pid "));
        }
        assertEquals(Optional.empty(), ConfigLock.holder(lock), "nobody is named once it is released");
    }

    @Test
    void aWaiterThatLostByAHairStillNamesTheHolder(@TempDir Path dir) throws Exception {
        Path lock = Files.writeString(dir.resolve("config.lock"), "");
        // The winner has the lock but has not written its line yet; it does 50 ms later.
        Thread winner = new Thread(() -> {
            try {
                Thread.sleep(50);
                Files.writeString(lock, "alice@laptop (pid 1) since 2026-12-06T22:00:00Z\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        winner.start();
        assertEquals(Optional.of("alice@laptop (pid 1) since 2026-12-06T22:00:00Z"), ConfigLock.holder(lock));
        winner.join();
    }

    @Test
    void anOlderAgentsLockDirectoryIsNamedWithItsFix(@TempDir Path dir) throws Exception {
        Path lock = Files.createDirectories(dir.resolve("config.lock"));
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> ConfigLock.acquire(lock, "admin@vm", 0, s -> {}));
        assertTrue(
                e.getMessage().contains("older littlehub-agent")
                        && e.getMessage().contains("sudo rm -r " + lock),
                e.getMessage());
    }

    @Test
    void historyNumbersEveryAppliedConfig(@TempDir Path dir) {
        ConfigHistory h = new ConfigHistory(dir);
        assertEquals(1, h.record("", "littlehub", "before"));
        assertEquals(2, h.record("limits: {memory: 2G}\n", "teacher@laptop", "set limits.memory 2G"));
        assertEquals(
                List.of(1, 2),
                h.list().stream().map(ConfigHistory.Entry::number).toList());
        assertEquals("teacher@laptop", h.list().get(1).who());
        assertEquals("limits: {memory: 2G}\n", h.text(2).orElseThrow());
    }
}
