package io.littlehub.agent.status;

import java.util.HashMap;
import java.util.Map;

/** Reads the kernel's figures: {@code /proc/meminfo}, {@code /proc/loadavg} and {@code nproc}'s answer. Pure. */
public final class ProcFiles {
    private ProcFiles() {}

    /** {@code /proc/meminfo}: lines like {@code MemTotal:  24683656 kB}. */
    public static HubStatus.Memory memory(String meminfo) {
        Map<String, Long> kib = new HashMap<>();
        for (String line : meminfo.lines().toList()) {
            String[] f = line.split("[:\\s]+");
            if (f.length >= 2 && f[1].matches("[0-9]+")) {
                kib.put(f[0], Long.parseLong(f[1]));
            }
        }
        return new HubStatus.Memory(bytes(kib, "MemTotal"), bytes(kib, "MemAvailable"));
    }

    /** {@code nproc} (a number) and {@code /proc/loadavg} ({@code 0.52 0.58 0.59 1/467 12345}). */
    public static HubStatus.Cpu cpu(String nproc, String loadavg) {
        String[] f = loadavg.strip().split("\\s+");
        if (f.length < 3 || !nproc.strip().matches("[0-9]+")) {
            throw new IllegalArgumentException(
                    "cannot read the CPU count \"" + nproc.strip() + "\" and load \"" + loadavg.strip() + "\"");
        }
        return new HubStatus.Cpu(
                Integer.parseInt(nproc.strip()),
                Double.parseDouble(f[0]),
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]));
    }

    private static long bytes(Map<String, Long> kib, String key) {
        Long v = kib.get(key);
        if (v == null) {
            throw new IllegalArgumentException("/proc/meminfo has no " + key + " line");
        }
        return v * 1024;
    }
}
