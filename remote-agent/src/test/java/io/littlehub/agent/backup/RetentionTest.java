package io.littlehub.agent.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which scheduled archives a run deletes: names in, names out. */
class RetentionTest {
    @Test
    void namesAreTheHubAndTheUtcTimeSoNameOrderIsTimeOrder() {
        assertEquals(
                "class-20250107-030405.tar", Retention.archiveName("class", Instant.parse("2025-01-07T03:04:05.678Z")));
        assertEquals(
                "my_hub_-20251231-235959.tar", Retention.archiveName("my hub/", Instant.parse("2025-12-31T23:59:59Z")));
    }

    @Test
    void theOldestBeyondKeepGoOldestFirst() {
        List<String> names = List.of(
                "class-20250103-000000.tar",
                "class-20250101-000000.tar",
                "class-20250104-000000.tar",
                "class-20250102-120000.tar");
        assertEquals(
                List.of("class-20250101-000000.tar", "class-20250102-120000.tar"),
                Retention.surplus(names, "class", 2));
        assertEquals(List.of(), Retention.surplus(names, "class", 4));
        assertEquals(List.of(), Retention.surplus(names, "class", 365));
        assertEquals(
                List.of("class-20250101-000000.tar", "class-20250102-120000.tar", "class-20250103-000000.tar"),
                Retention.surplus(names, "class", 1));
        assertEquals(List.of(), Retention.surplus(List.of(), "class", 1));
    }

    @Test
    void otherFilesAreNeverChosen() {
        List<String> names = List.of(
                "class-20250101-000000.tar",
                "class-20250102-000000.tar",
                "class-20250103-000000.tar.part", // being written
                "other-20240101-000000.tar", // another hub's
                "class-2025-01-01.tar",
                "class-20250101-000000.tar.gz",
                "class-20250101T000000Z.littlehub-backup.tar",
                "classroom-20240101-000000.tar",
                "notes.txt",
                ".class-20240101-000000.tar");
        assertEquals(List.of("class-20250101-000000.tar"), Retention.surplus(names, "class", 1));
        assertEquals(
                List.of(),
                Retention.surplus(List.of("axb-20240101-000000.tar", "axb-20240102-000000.tar"), "a.b", 1),
                "the hub's name is matched literally, not as a pattern");
        assertEquals(
                List.of("my_hub-20240101-000000.tar"),
                Retention.surplus(List.of("my_hub-20240101-000000.tar", "my_hub-20240102-000000.tar"), "my hub", 1));
    }

    @Test
    void keepingNothingIsNotARetention() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Retention.surplus(List.of("class-20250101-000000.tar"), "class", 0));
    }

    /** The agent's --to-dir refuses the same numbers of archives to keep as the schema's backup.keep. */
    @Test
    void backupKeepRangeIsTheSchemasRange() throws IOException {
        JsonNode schema = new ObjectMapper()
                .readTree(Path.of("../schema/littlehub-config.schema.json").toFile());
        JsonNode keep = schema.at("/properties/backup/properties/keep");
        assertEquals(Retention.MIN_KEEP, keep.get("minimum").asInt());
        assertEquals(Retention.MAX_KEEP, keep.get("maximum").asInt());
    }
}
