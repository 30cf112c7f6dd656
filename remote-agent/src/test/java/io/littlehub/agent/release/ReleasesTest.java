package io.littlehub.agent.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasesTest {
    @TempDir
    Path root;

    @Test
    void currentAndPreviousAreLinksSwitchedInPlace() throws Exception {
        Releases r = new Releases(root);
        assertEquals(Optional.empty(), r.current());
        assertEquals(Optional.empty(), r.refusal("0.6.0"), "a VM without a release may be provisioned by any");
        Files.createDirectories(r.dir("0.5.0"));
        Files.createDirectories(r.dir("0.6.0"));
        r.makeCurrent("0.5.0");
        r.makeCurrent("0.6.0");
        r.rememberPrevious("0.5.0");
        assertEquals(Optional.of("0.6.0"), r.current());
        assertEquals(Optional.of("0.5.0"), r.previous());
        assertEquals(
                r.dir("0.6.0"), Files.readSymbolicLink(root.resolve("current")), "absolute, like the playbook's link");
        assertFalse(Files.exists(root.resolve("current.new")));
        r.forgetPrevious();
        assertEquals(Optional.empty(), r.previous());
    }

    @Test
    void anotherReleasesAgentIsRefusedWithTheUpgradeCommand() throws Exception {
        Releases r = new Releases(root);
        Files.createDirectories(r.dir("0.5.0"));
        r.makeCurrent("0.5.0");
        assertEquals(Optional.empty(), r.refusal("0.5.0"));
        String refusal = r.refusal("0.6.0").orElseThrow();
        assertTrue(refusal.contains("runs littlehub 0.5.0") && refusal.contains("`littlehub upgrade`"), refusal);
    }

    @Test
    void removeAllButKeepsTheNamedAndNeverFollowsLinks() throws Exception {
        Releases r = new Releases(root);
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("keep-me"), "x");
        for (String v : List.of("0.4.0", "0.5.0", "0.6.0")) {
            Files.createDirectories(r.dir(v).resolve("hub/bin"));
            Files.createSymbolicLink(r.dir(v).resolve("hub/lib64"), outside);
        }
        assertEquals(List.of("0.4.0"), r.removeAllBut("0.5.0", "0.6.0"));
        assertFalse(Files.exists(r.dir("0.4.0")));
        assertTrue(Files.isDirectory(r.dir("0.5.0")) && Files.isDirectory(r.dir("0.6.0")));
        assertTrue(Files.exists(outside.resolve("keep-me")));
    }
}
