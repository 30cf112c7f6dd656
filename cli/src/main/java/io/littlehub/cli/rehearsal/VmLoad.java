package io.littlehub.cli.rehearsal;

import java.util.List;

/**
 * The VM's load while the class starts, from samples of {@code /proc/meminfo}, {@code /proc/loadavg}, the first line
 * of {@code /proc/stat} and the root memory cgroup's limit and use (a container's own budget, which /proc/meminfo
 * does not show): peak memory in use, peak CPU busy, peak 1-minute load.
 */
public record VmLoad(long memoryTotal, long baselineUsed, long peakUsed, double peakCpuPercent, double peakLoad) {

    /** One sample's figures: memory in bytes; CPU as cumulative busy and total jiffies. */
    public record Sample(long memoryTotal, long memoryUsed, double load1, long cpuBusy, long cpuTotal) {
        /**
         * Parses the output of {@link io.littlehub.cli.remote.RehearsalCommands#sample()}: a cgroup limit smaller than the
         * machine's memory ({@code cgroup-limit N}) is the total, and the cgroup's use ({@code cgroup-used N}) the used.
         */
        public static Sample parse(String text) {
            long total = 0;
            long available = 0;
            double load = 0;
            long busy = 0;
            long all = 0;
            Long cgroupLimit = null;
            Long cgroupUsed = null;
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f[0].equals("MemTotal:")) {
                    total = Long.parseLong(f[1]) * 1024;
                } else if (f[0].equals("MemAvailable:")) {
                    available = Long.parseLong(f[1]) * 1024;
                } else if (f[0].equals("cpu")) {
                    for (int i = 1; i < f.length && i <= 8; i++) {
                        long v = Long.parseLong(f[i]);
                        all += v;
                        // idle (4) and iowait (5) are not busy; guest times (9, 10) are already in user.
                        busy += i != 4 && i != 5 ? v : 0;
                    }
                } else if (f[0].equals("cgroup-limit") && f.length == 2 && f[1].matches("\\d+")) {
                    cgroupLimit = Long.parseLong(f[1]);
                } else if (f[0].equals("cgroup-used") && f.length == 2 && f[1].matches("\\d+")) {
                    cgroupUsed = Long.parseLong(f[1]);
                } else if (f.length == 5 && f[3].contains("/")) {
                    load = Double.parseDouble(f[0]);
                }
            }
            long used = total - available;
            if (cgroupLimit != null && cgroupUsed != null && cgroupLimit < total) {
                total = cgroupLimit;
                used = cgroupUsed;
            }
            return new Sample(total, used, load, busy, all);
        }
    }

    public static VmLoad of(List<Sample> samples) {
        if (samples.isEmpty()) {
            return new VmLoad(0, 0, 0, 0, 0);
        }
        long peak = 0;
        double cpu = 0;
        double load = 0;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            peak = Math.max(peak, s.memoryUsed());
            load = Math.max(load, s.load1());
            if (i > 0) {
                Sample before = samples.get(i - 1);
                long dt = s.cpuTotal() - before.cpuTotal();
                if (dt > 0) {
                    cpu = Math.max(cpu, 100.0 * (s.cpuBusy() - before.cpuBusy()) / dt);
                }
            }
        }
        return new VmLoad(samples.get(0).memoryTotal(), samples.get(0).memoryUsed(), peak, cpu, load);
    }

    /** Memory still free at the peak. */
    public long headroom() {
        return memoryTotal - peakUsed;
    }
}
