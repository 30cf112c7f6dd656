package io.littlehub.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OomShieldTest {
    @Test
    void writesTheScoreTheHubAndProxyHave(@TempDir Path dir) throws Exception {
        Path score = Files.writeString(dir.resolve("oom_score_adj"), "0");
        OomShield.apply(score);
        assertEquals("-900", Files.readString(score));
    }

    @Test
    void withoutTheRightToLowerItNothingFails(@TempDir Path dir) {
        OomShield.apply(dir.resolve("missing-folder").resolve("oom_score_adj"));
    }
}
