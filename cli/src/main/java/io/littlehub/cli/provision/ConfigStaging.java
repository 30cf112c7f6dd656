package io.littlehub.cli.provision;

import io.littlehub.cli.hubconfig.ApplyFile;
import io.littlehub.cli.remote.FileCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.Result;
import io.littlehub.common.config.ConfigEdit;
import io.littlehub.common.config.ConfigProblem;
import io.littlehub.common.config.ConfigValidator;
import io.littlehub.common.config.Layout;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub config a provision run carries to the VM. The teacher's --config file is uploaded beside the live config
 * (root, 0640) under a name of its own, so two provisions never share one, and removed afterwards; the agent
 * (`run provision --config FILE --admin NAME`) adds the admins and applies it as `config apply` does. The --admin
 * names are checked here too, before anything connects.
 */
final class ConfigStaging {
    private ConfigStaging() {}

    /** The --admin names' problems, worded by the hub's validator (the user name rules live in the schema). */
    static List<ConfigProblem> adminProblems(List<String> admins) {
        if (admins.isEmpty()) {
            return List.of();
        }
        String asConfig = ConfigEdit.dump(new LinkedHashMap<>(Map.of("users", Map.of("admin", admins))));
        return new ConfigValidator()
                .validate(asConfig).stream()
                        .filter(p -> p.path().startsWith("users.admin"))
                        .toList();
    }

    /** Uploads {@code file}; returns its path on the VM. */
    static String upload(RemoteHost host, Path file) {
        String staged = ApplyFile.stagedPath("provision");
        Result dir = host.runAsRoot(FileCommands.makeDirectories(Layout.CONFIG_DIR));
        if (!dir.ok()) {
            throw new IllegalStateException("cannot create " + Layout.CONFIG_DIR + " on the VM: "
                    + dir.stderr().strip());
        }
        host.uploadAsRoot(file, staged, 0640);
        return staged;
    }

    static void remove(RemoteHost host, String staged) {
        host.runAsRoot(FileCommands.remove(staged));
    }
}
