package io.littlehub.testvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Host processes by PID and command line, read from /proc: finds leftovers and stops what the harness started. */
final class HostProcesses {
    private HostProcesses() {}

    static List<String> cmdline(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String s = new String(raw, StandardCharsets.UTF_8);
            return s.isEmpty() ? List.of() : Arrays.asList(s.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** True when {@code pid} is alive and its command line contains {@code marker} (guards against PID reuse). */
    static boolean alive(Long pid, String marker) {
        if (pid == null) {
            return false;
        }
        List<String> cmd = cmdline(pid);
        return !cmd.isEmpty() && String.join(" ", cmd).contains(marker) && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    static List<Long> matching(Predicate<String> commandLine) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                List<String> cmd = cmdline(pid);
                if (pid != ProcessHandle.current().pid() && !cmd.isEmpty() && commandLine.test(String.join(" ", cmd))) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new HarnessException("cannot list /proc: " + e.getMessage(), e);
        }
        return pids;
    }

    /** Stops {@code program} processes that run a VM under {@code vms} whose name is not in {@code known}. */
    static void stopOrphans(String program, Path vms, java.util.Set<String> known, int graceSeconds) {
        for (long pid : matching(c -> c.startsWith(program)
                && c.contains(vms + "/")
                && known.stream().noneMatch(n -> c.contains(vms.resolve(n) + "/")))) {
            stop(pid, graceSeconds);
        }
    }

    /** Sends SIGTERM, waits up to {@code graceSeconds}, then SIGKILL. */
    static void stop(long pid, int graceSeconds) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return;
        }
        h.get().destroy();
        long deadline = System.currentTimeMillis() + graceSeconds * 1000L;
        while (h.get().isAlive() && !isZombie(pid) && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        if (h.get().isAlive() && !isZombie(pid)) {
            h.get().destroyForcibly();
            long hard = System.currentTimeMillis() + 5000;
            while (h.get().isAlive() && !isZombie(pid) && System.currentTimeMillis() < hard) {
                sleep(50);
            }
        }
    }

    /** The start time of a process, so a recorded owner PID that was reused by another process is not mistaken for it. */
    static Long startMillis(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(h -> h.info().startInstant())
                .map(java.time.Instant::toEpochMilli)
                .orElse(null);
    }

    static boolean ownerAlive(Long pid, Long startMillis) {
        if (pid == null) {
            return true;
        }
        Long now = startMillis(pid);
        return now != null && (startMillis == null || Math.abs(now - startMillis) < 2000);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted", e);
        }
    }
}
