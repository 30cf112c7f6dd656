package io.littlehub.testvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmStateTest {
    private final VmState vm = new VmState(
            "web1",
            "nspawn",
            "debian-12-0123456789ab",
            null,
            3,
            42030,
            42031,
            42032,
            "tester",
            "/keys/id_ed25519",
            Map.of("nspawn", 12L),
            null,
            null,
            null,
            null,
            null);

    @Test
    void infoLineHasTheKeysOtherToolingReads() throws Exception {
        String line = vm.infoJson();
        assertFalse(line.contains("\n"));
        JsonNode j = new ObjectMapper().readTree(line);
        List<String> keys = List.of("name", "host", "ssh_port", "user", "identity", "http_port", "https_port");
        for (String k : keys) {
            assertFalse(j.path(k).isMissingNode(), k + " missing in " + line);
        }
        assertEquals("web1", j.get("name").asText());
        assertEquals("127.0.0.1", j.get("host").asText());
        assertEquals(42030, j.get("ssh_port").asInt());
        assertEquals(42031, j.get("http_port").asInt());
        assertEquals(42032, j.get("https_port").asInt());
        assertEquals("/keys/id_ed25519", j.get("identity").asText());
    }

    @Test
    void savesAndLoadsTheSameRecord(@TempDir Path dir) {
        Path file = dir.resolve("vm.json");
        vm.save(file);
        assertEquals(vm, VmState.load(file));
        assertFalse(Files.exists(dir.resolve("vm.json.tmp")));
    }
}
