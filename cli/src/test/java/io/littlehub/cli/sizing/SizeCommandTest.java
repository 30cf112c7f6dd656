package io.littlehub.cli.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.guides.LocalLittlehub;
import io.littlehub.common.ExitCodes;
import org.junit.jupiter.api.Test;

/** `littlehub size` through the real command line: the text, the JSON, and exit 2 with the fix for bad input. */
class SizeCommandTest {
    private final LocalLittlehub littlehub = new LocalLittlehub();

    @Test
    void printsTheFiguresTheirReasonsAndATypePerProvider() {
        assertEquals(
                ExitCodes.OK,
                littlehub.run("size", "--students", "30", "--concurrent", "0.5", "--memory-per-student", "1G"));
        String text = littlehub.out();
        assertTrue(text.contains("memory   16 GiB   15 × 1 GiB + 1 GiB for Linux"), text);
        assertTrue(text.contains("CPUs      4       15 × 0.25 + 0.2 for the hub"), text);
        assertTrue(text.contains("disk     40 GiB   30 × 1 GiB + 10 GiB"), text);
        assertTrue(text.contains("AWS EC2        m7i.xlarge") && text.contains("set its disk to 40 GB"), text);
        assertTrue(text.contains("cx43") && text.contains("160 GB disk included"), text);
        assertTrue(text.contains("littlehub config set limits.memory 1G"), text);
    }

    @Test
    void jsonCarriesTheSameFigures() throws Exception {
        assertEquals(
                ExitCodes.OK,
                littlehub.run(
                        "size", "--students", "10", "--concurrent", "0.7", "--memory-per-student", "512M", "--json"));
        JsonNode o = new ObjectMapper().readTree(littlehub.out());
        assertEquals(7, o.path("concurrent_students").asInt());
        assertEquals(5, o.path("memory_gib").asInt());
        assertEquals(2, o.path("cpus").asInt());
        assertEquals(20, o.path("disk_gib").asInt());
        assertEquals(536_870_912L, o.path("memory_per_student_bytes").asLong());
        assertEquals("t3.large", o.path("instance_types").get(1).path("type").asText());
        assertEquals(6, o.path("instance_types").size());
    }

    @Test
    void badInputIsExitTwoWithTheFix() {
        assertEquals(ExitCodes.USAGE, littlehub.run("size", "--students", "0"));
        assertTrue(littlehub.err().contains("like --students 30"), littlehub.err());
        assertEquals(ExitCodes.USAGE, littlehub.run("size", "--students", "30", "--concurrent", "1.5"));
        assertTrue(littlehub.err().contains("at most 1, like 0.5"), littlehub.err());
        assertEquals(ExitCodes.USAGE, littlehub.run("size", "--students", "30", "--memory-per-student", "2GB"));
        assertTrue(littlehub.err().contains("\"2GB\" is not a size: use a number with K, M, G or T"), littlehub.err());
        assertEquals(ExitCodes.USAGE, littlehub.run("size", "--students", "thirty"));
        assertEquals(ExitCodes.USAGE, littlehub.run("size"));
        assertTrue(littlehub.err().contains("Missing required option: '--students=N'"), littlehub.err());
        assertTrue(littlehub.out().isEmpty(), littlehub.out());
    }
}
