package io.littlehub.agent.ops;

import java.util.ArrayList;
import java.util.List;

/** apt's command lines as the agent must run them, spelled out once for the operations' tests (exact lists). */
final class AptCommandLines {
    static final List<String> UPDATE = List.of(
            "apt-get",
            "update",
            "-q",
            "-o",
            "APT::Update::Post-Invoke-Success::=touch /run/littlehub-apt-lists-updated");

    private AptCommandLines() {}

    static List<String> install(String... packages) {
        List<String> argv = new ArrayList<>(List.of(
                "apt-get",
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "-o",
                "Dpkg::Options::=--force-confdef",
                "-o",
                "Dpkg::Options::=--force-confold"));
        argv.addAll(List.of(packages));
        return argv;
    }
}
