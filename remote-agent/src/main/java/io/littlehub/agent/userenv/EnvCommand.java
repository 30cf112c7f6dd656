package io.littlehub.agent.userenv;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.agent.ChangeOptions;
import io.littlehub.agent.config.ConfigHistory;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.LocalMachine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code littlehub-agent env …}: the users' environment ({@code /opt/littlehub/user}, the venv every user's server and
 * kernel run in). Changes go through {@link EnvChange} (locked, checked, rolled back on failure, recorded); package
 * arguments are checked by {@link Requirement} first, and nothing runs when one is bad. Exit codes: see {@link ExitCodes}.
 */
@Command(
        name = "env",
        mixinStandardHelpOptions = true,
        description =
                "The users' environment (the Python every user's server and kernel run in): install, remove, list, freeze, rebuild, history.")
public final class EnvCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(
            name = "install",
            description =
                    "pip install packages for everyone (checked, rolled back when the hub would break, recorded).")
    int install(
            @Parameters(
                            paramLabel = "PACKAGE",
                            arity = "0..*",
                            description = "like numpy, pandas[excel], numpy==2.1 or 'scipy>=1.11,<2'")
                    List<String> typed,
            @Mixin ChangeOptions change)
            throws Exception {
        List<Requirement> requirements = checked(typed, false);
        return requirements.isEmpty()
                ? ExitCodes.USAGE
                : EnvChange.onThisMachine(change.events()).install(requirements, change.who(), change.waitSeconds());
    }

    @Command(
            name = "remove",
            description =
                    "pip uninstall packages (not those the hub needs; rolled back when the hub would break, recorded).")
    int remove(
            @Parameters(paramLabel = "PACKAGE", arity = "0..*", description = "package names") List<String> typed,
            @Mixin ChangeOptions change)
            throws Exception {
        List<Requirement> names = checked(typed, true);
        return names.isEmpty()
                ? ExitCodes.USAGE
                : EnvChange.onThisMachine(change.events()).remove(names, change.who(), change.waitSeconds());
    }

    @Command(
            name = "rebuild",
            description =
                    "Recreate the environment from the record (the newest entry, or N), or from versions.yaml's pins.")
    int rebuild(
            @Parameters(paramLabel = "N", arity = "0..1", description = "a record number (env history)") Integer number,
            @Option(names = "--pins", description = "install versions.yaml's pins instead of a record") boolean pins,
            @Mixin ChangeOptions change)
            throws Exception {
        if (pins && number != null) {
            System.err.println("give a record number or --pins, not both");
            return ExitCodes.USAGE;
        }
        return EnvChange.onThisMachine(change.events()).rebuild(number, pins, change.who(), change.waitSeconds());
    }

    @Command(name = "list", description = "pip list: the packages and their versions.")
    int list(@Option(names = "--json", description = "pip's JSON") boolean json) {
        notice();
        return print(env().list(json));
    }

    @Command(name = "freeze", description = "pip freeze: requirement lines for every package.")
    int freeze(@Option(names = "--json", description = "a JSON array of the lines") boolean json) throws Exception {
        notice();
        CommandResult r = env().freezeText();
        if (json && r.ok()) {
            System.out.println(JSON.writeValueAsString(
                    new ArrayList<>(Freeze.parse(r.stdout()).lines().values())));
            return ExitCodes.OK;
        }
        return print(r);
    }

    @Command(name = "history", description = "The recorded environments, newest last (with N: that record's freeze).")
    int history(
            @Parameters(paramLabel = "N", arity = "0..1") Integer number,
            @Option(names = "--json", description = "JSON") boolean json)
            throws Exception {
        notice();
        ConfigHistory history = EnvChange.history();
        if (number != null) {
            Optional<String> text = history.text(number);
            if (text.isEmpty()) {
                System.err.println("no record " + number + ": `env history` lists them");
                return ExitCodes.USAGE;
            }
            System.out.print(
                    json
                            ? JSON.writeValueAsString(new ArrayList<>(
                                            Freeze.parse(text.get()).lines().values())) + "\n"
                            : text.get());
            return ExitCodes.OK;
        }
        List<ConfigHistory.Entry> entries = history.list();
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ConfigHistory.Entry e : entries) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("number", e.number());
                m.put("when", e.when());
                m.put("who", e.who());
                m.put("summary", e.summary());
                out.add(m);
            }
            System.out.println(JSON.writeValueAsString(out));
        } else if (entries.isEmpty()) {
            System.out.println("nothing recorded yet: the first env command records the environment as it is");
        } else {
            entries.forEach(System.out::println);
        }
        return ExitCodes.OK;
    }

    /** Every argument checked; the problems printed (each naming its argument), and an empty list, when one is bad. */
    static List<Requirement> checked(List<String> typed, boolean remove) {
        List<String> problems = new ArrayList<>();
        List<Requirement> out = Requirement.parseAll(
                typed == null ? List.of() : typed, EnvChange.kept(EnvChange.userPins()), remove, problems);
        problems.forEach(System.err::println);
        if (!problems.isEmpty()) {
            System.err.println("nothing changed");
        }
        return out;
    }

    private static UserEnv env() {
        return new UserEnv(new LocalMachine(), Layout.USER_VENV, "/usr/bin/python3");
    }

    private static void notice() {
        EnvChange.onThisMachine(e -> {})
                .noticeOutsideChanges(System.getenv().getOrDefault("SUDO_USER", "root") + " (env record check)");
    }

    private static int print(CommandResult r) {
        System.out.print(r.stdout());
        System.err.print(r.stderr());
        return r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
