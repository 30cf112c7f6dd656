package io.littlehub.cli.remote;

import io.littlehub.common.AptLists;
import java.util.ArrayList;
import java.util.List;

/** {@code apt-get}, through {@code env} because sudo drops the caller's environment (and with it the frontend). */
public final class AptCommands {
    private AptCommands() {}

    /** Marks the lists fresh for the agent's apt tasks that follow ({@link AptLists}). */
    public static List<String> update() {
        List<String> argv =
                new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "update", "-q"));
        argv.addAll(AptLists.MARK_ON_SUCCESS);
        return argv;
    }

    public static List<String> install(String... packages) {
        List<String> argv = new ArrayList<>(List.of(
                "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", "--no-install-recommends"));
        argv.addAll(List.of(packages));
        return argv;
    }
}
