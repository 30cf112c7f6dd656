package io.littlehub.cli.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VmLoadTest {
    static String sample(long totalKb, long availableKb, String load, String cpu, String limit, String used) {
        return "MemTotal:       " + totalKb + " kB\nMemFree:          100 kB\nMemAvailable:   " + availableKb
                + " kB\nBuffers:            0 kB\n" + load + " 2/345 6789\n" + cpu + "\ncgroup-limit " + limit
                + "\ncgroup-used " + used + "\n";
    }

    @Test
    void memoryFromMeminfoWhenTheCgroupHasNoLimit() {
        VmLoad.Sample s = VmLoad.Sample.parse(
                sample(8_000_000, 6_000_000, "0.50 0.40 0.30", "cpu  10 0 10 70 10 0 0 0 5 0", "max", "123"));
        assertEquals(8_000_000L * 1024, s.memoryTotal());
        assertEquals(2_000_000L * 1024, s.memoryUsed());
        assertEquals(0.5, s.load1());
        assertEquals(20, s.cpuBusy());
        assertEquals(100, s.cpuTotal());
    }

    @Test
    void aCgroupLimitBelowTheMachinesMemoryIsTheBudget() {
        VmLoad.Sample s = VmLoad.Sample.parse(
                sample(8_000_000, 6_000_000, "0.50 0.40 0.30", "cpu  1 0 1 1 0 0 0 0", "1073741824", "536870912"));
        assertEquals(1L << 30, s.memoryTotal());
        assertEquals(1L << 29, s.memoryUsed());
    }

    @Test
    void peaksAcrossSamplesCpuBetweenTwo() {
        List<VmLoad.Sample> samples = List.of(
                new VmLoad.Sample(100, 20, 0.5, 100, 1000),
                new VmLoad.Sample(100, 70, 3.5, 180, 1100),
                new VmLoad.Sample(100, 40, 1.0, 190, 1200));
        VmLoad load = VmLoad.of(samples);
        assertEquals(20, load.baselineUsed());
        assertEquals(70, load.peakUsed());
        assertEquals(30, load.headroom());
        assertEquals(80.0, load.peakCpuPercent(), 0.001);
        assertEquals(3.5, load.peakLoad());
    }
}
