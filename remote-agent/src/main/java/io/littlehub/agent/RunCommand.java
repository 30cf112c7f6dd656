package io.littlehub.agent;

import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.ConfigEdit;
import io.littlehub.common.events.EventSink;
import io.littlehub.common.events.HumanReport;
import io.littlehub.common.events.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code littlehub-agent run provision}: converges this machine to the hub config, in one process. It goes through
 * {@link ConfigApply} like {@code config apply}: a new config ({@code --config FILE}, {@code --admin NAME}) is checked,
 * written under the config lock, recorded in the history and rolled back when the hub does not come up; an unchanged
 * one is converged again (what repairs a drifted VM). {@code --check} plans with the new config and writes nothing.
 */
@Command(
        name = "run",
        description =
                "Run the provision playbook on this machine, with the hub config (or a new one: --config, --admin).")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PLAYBOOK", description = "provision")
    String playbook;

    @Option(names = "--check", description = "plan only: report what would change, change nothing")
    boolean check;

    @Option(names = "--diff", description = "show file changes (secrets are never shown)")
    boolean diff;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "install this hub config (default: keep the current one)")
    Path config;

    @Option(names = "--admin", paramLabel = "NAME", description = "add NAME to users.admin (repeatable)")
    List<String> admins = new ArrayList<>();

    @Option(
            names = "--hold-https",
            description = "leave the HTTPS front stopped (a restore then brings its ACME account and certificates)")
    boolean holdHttps;

    @Mixin
    ChangeOptions change;

    @Override
    public Integer call() throws Exception {
        if (!"provision".equals(playbook)) {
            System.err.println("no playbook named " + playbook + ": there is provision");
            return ExitCodes.USAGE;
        }
        EventSink events = change.json ? new JsonLines(System.out) : new HumanReport(System.out, diff, "localhost");
        String file = config == null ? null : Files.readString(config);
        UnaryOperator<String> newConfig = current -> withAdmins(file != null ? file : current, admins);
        ConfigApply apply = ConfigApply.onThisMachine(events, diff, holdHttps);
        if (check) {
            return apply.plan(newConfig);
        }
        return apply.apply(newConfig, change.who(), summary(), change.wait);
    }

    /** What the history says about this run: {@code provision --config FILE --admin NAME}. */
    String summary() {
        StringBuilder s = new StringBuilder(playbook);
        if (config != null) {
            s.append(" --config ").append(config.getFileName());
        }
        admins.forEach(a -> s.append(" --admin ").append(a));
        if (holdHttps) {
            s.append(" --hold-https");
        }
        return s.toString();
    }

    /** {@code text} with the {@code admins} added to users.admin; the very same text when they are all there already. */
    static String withAdmins(String text, List<String> admins) {
        try {
            return ConfigEdit.withItems(text, List.of("users", "admin"), admins);
        } catch (YAMLException unreadable) {
            return text; // the validator then says where the file is broken
        }
    }
}
