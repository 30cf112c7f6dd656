package io.littlehub.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupArchivesTest {
    @Test
    void theNewestArchiveByTheTimeInItsName() {
        Map<String, Long> files = Map.of(
                "class-20250301-120000.tar", 1000L,
                "class-20250302-000512.tar", 2000L,
                "class-20250303-000100.tar.part", 5L,
                "notes.txt", 10L,
                "old-hub-20240101-000000.tar", 3000L);
        assertEquals(
                new HubStatus.Backup("class-20250302-000512.tar", "2025-03-02T00:05:12Z", 2000L),
                BackupArchives.newest(files));
    }

    @Test
    void noArchiveIsNone() {
        assertNull(BackupArchives.newest(Map.of()));
        assertNull(BackupArchives.newest(Map.of("class-20250303-000100.tar.part", 5L)));
    }
}
