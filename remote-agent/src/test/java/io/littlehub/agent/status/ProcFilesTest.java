package io.littlehub.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProcFilesTest {
    @Test
    void memoryIsInBytes() {
        String meminfo = """
                MemTotal:        4020452 kB
                MemFree:          210304 kB
                MemAvailable:    2734516 kB
                Buffers:           81632 kB
                HugePages_Total:       0
                """;
        assertEquals(new HubStatus.Memory(4020452L * 1024, 2734516L * 1024), ProcFiles.memory(meminfo));
    }

    @Test
    void aKernelWithoutMemAvailableIsNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ProcFiles.memory("MemTotal: 1 kB\n"));
        assertEquals("/proc/meminfo has no MemAvailable line", e.getMessage());
    }

    @Test
    void cpuIsCoresAndTheThreeLoads() {
        assertEquals(new HubStatus.Cpu(2, 5.53, 5.10, 3.89), ProcFiles.cpu("2\n", "5.53 5.10 3.89 3/282 125\n"));
        assertThrows(IllegalArgumentException.class, () -> ProcFiles.cpu("two", "5.53 5.10 3.89 3/282 125"));
    }
}
