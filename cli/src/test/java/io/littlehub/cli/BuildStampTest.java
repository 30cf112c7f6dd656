package io.littlehub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BuildStampTest {
    @Test
    void namesTheReleaseAndTheCommit() {
        assertEquals("littlehub 0.6.0 (commit 1a2b3c4)", BuildStamp.describe("0.6.0", "1a2b3c4", "false"));
        assertEquals(
                "littlehub 0.6.0 (commit 1a2b3c4, with uncommitted changes)",
                BuildStamp.describe("0.6.0", "1a2b3c4", "true"));
        assertEquals(
                "littlehub 0.6.0 (built outside a git checkout: commit unknown)",
                BuildStamp.describe("0.6.0", "${git.commit.id.abbrev}", "${git.dirty}"));
    }
}
