package io.littlehub.cli.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.testvm.Vm;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The processes the OOM killer must spare on a hub's VM, and their scores as the kernel applies them (/proc). */
final class OomScores {
    static final List<String> SPARED = List.of("jupyterhub", "littlehub-proxy", "ssh");
    static final String SHIELD = "-900";

    private OomScores() {}

    static String show(Vm vm, String unit, String property) {
        return vm.check("systemctl", "show", "--property=" + property, "--value", unit)
                .strip();
    }

    /** The main process of the hub, the proxy and sshd, by unit. */
    static Map<String, String> sparedPids(Vm vm) {
        Map<String, String> pids = new TreeMap<>();
        SPARED.forEach(unit -> pids.put(unit, show(vm, unit, "MainPID")));
        return pids;
    }

    /** The OOM score the kernel applies to a process, as /proc shows it. */
    static String score(Vm vm, String pid) {
        return vm.check("cat", "/proc/" + pid + "/oom_score_adj").strip();
    }

    /**
     * Each at -900 or lower: sshd's listener lowers its own to -1000 after systemd applied the unit's -900 (OpenSSH
     * does so on Linux, and its sessions go back to the score it started with).
     */
    static void assertShielded(Vm vm, Map<String, String> pids) {
        pids.forEach((unit, pid) -> {
            String score = score(vm, pid);
            assertTrue(Integer.parseInt(score) <= Integer.parseInt(SHIELD), unit + " (pid " + pid + "): " + score);
        });
    }

    /**
     * The agent's own score while it runs: a status run in the background, its java process looked at every 50 ms
     * until it shows a score other than 0 (OomShield writes it first thing; the JVM starts at 0).
     */
    static String agentScore(Vm vm) {
        return vm.check(
                        "sh",
                        "-c",
                        "sudo littlehub-agent status >/dev/null 2>&1 & i=0; while [ $i -lt 200 ]; do"
                                + " for p in $(pgrep -x java); do"
                                + " if grep -q littlehub-agent /proc/$p/cmdline 2>/dev/null; then"
                                + " s=$(cat /proc/$p/oom_score_adj 2>/dev/null);"
                                + " if [ -n \"$s\" ] && [ \"$s\" != 0 ]; then echo \"$s\"; wait; exit 0; fi; fi; done;"
                                + " i=$((i + 1)); sleep 0.05; done; wait; echo 'no agent process with a score other than 0'")
                .strip();
    }
}
