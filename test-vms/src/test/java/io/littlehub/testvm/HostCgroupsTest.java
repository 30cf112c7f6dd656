package io.littlehub.testvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher that starts a VM inside its cgroups, run on plain folders standing in for cgroup directories. */
class HostCgroupsTest {
    @TempDir
    Path tmp;

    @Test
    void theProgramRunsWithThePidWrittenIntoEveryCgroup() throws Exception {
        Path cpu = Files.createDirectories(tmp.resolve("cpu"));
        Path memory = Files.createDirectories(tmp.resolve("memory"));
        Process p = new ProcessBuilder(HostCgroups.enter(List.of(cpu, memory), List.of("sh", "-c", "echo $$"))).start();
        String programPid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor());
        // exec in place: the program is the process that moved, with the PID its starter was given.
        assertEquals(Long.toString(p.pid()), programPid);
        assertEquals(programPid, Files.readString(cpu.resolve("cgroup.procs")).strip());
        assertEquals(
                programPid, Files.readString(memory.resolve("cgroup.procs")).strip());
    }

    @Test
    void aFailedMoveStartsNothing() throws Exception {
        Path marker = tmp.resolve("ran");
        Process p = new ProcessBuilder(
                        HostCgroups.enter(List.of(tmp.resolve("missing")), List.of("touch", marker.toString())))
                .start();
        assertEquals(125, p.waitFor());
        assertFalse(Files.exists(marker));
    }
}
