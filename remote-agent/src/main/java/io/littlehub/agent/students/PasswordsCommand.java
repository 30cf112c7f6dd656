package io.littlehub.agent.students;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.agent.ConfigApply;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.students.PasswordRule;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code passwords [--set-from-stdin [--if-unset]] -- NAME…}: FirstUse sign-in's passwords as the teacher sets them.
 * Without {@code --set-from-stdin} it says which names have one. With it, stdin holds one password per name, a line
 * each, in the names' order; every name must be on the roster and every password good, or nothing is stored.
 */
@Command(
        name = "passwords",
        description = {
            "FirstUse sign-in: which of the NAMEs have a password, or (--set-from-stdin) set them.",
            "With --set-from-stdin, stdin holds one password per NAME, one line each, in order; a problem with any changes nothing."
        })
public final class PasswordsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "NAME", arity = "0..*")
    List<String> typed = new ArrayList<>();

    @Option(names = "--set-from-stdin", description = "store the passwords read from stdin")
    boolean set;

    @Option(names = "--if-unset", description = "with --set-from-stdin: a name that has a password keeps it")
    boolean ifUnset;

    @Option(
            names = "--json",
            description = "print JSON: {\"auth\": TYPE, \"stored\": {NAME: true|false}} or {NAME: \"SET\"|\"KEPT\"}")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String configText = ConfigApply.onThisMachine(null).current();
        Roster roster = Roster.of(configText);
        NameList names = new NameList().addAll(typed);
        if (names.report(System.err)) {
            return ExitCodes.INVALID_CONFIG;
        }
        PasswordStore store = new PasswordStore(new LocalMachine());
        if (!set) {
            boolean firstUse = "firstuse".equals(roster.authType());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("auth", roster.authType());
            answer.put("stored", firstUse ? store.stored(names.names()) : null);
            if (json) {
                System.out.println(JSON.writeValueAsString(answer));
            } else if (!firstUse) {
                System.out.println("sign-in is " + roster.authType() + ": littlehub keeps no passwords for it");
            } else {
                store.stored(names.names())
                        .forEach((n, has) ->
                                System.out.println(n + ": " + (has ? "has a password" : "no password yet")));
            }
            return ExitCodes.OK;
        }
        if (names.names().isEmpty()) {
            System.err.println("name the users whose passwords to set");
            return ExitCodes.USAGE;
        }
        if (!"firstuse".equals(roster.authType())) {
            System.err.println("passwords are set here only with firstuse sign-in; "
                    + ResetPasswordCommand.advice(
                            roster.authType(), names.names().get(0)));
            return ExitCodes.USAGE;
        }
        Map<String, String> passwords = read(names.names(), roster, PasswordRule.minimum(HubConfig.load(configText)));
        if (passwords == null) {
            return ExitCodes.INVALID_CONFIG;
        }
        Map<String, PasswordStore.Outcome> done = store.store(passwords, ifUnset);
        if (json) {
            System.out.println(JSON.writeValueAsString(done));
        } else {
            done.forEach((n, o) -> System.out.println(
                    n + ": " + (o == PasswordStore.Outcome.SET ? "password set" : "already has a password (kept)")));
        }
        return ExitCodes.OK;
    }

    /** One password per name from stdin, or null when any name or password is refused (each problem on stderr). */
    private static Map<String, String> read(List<String> names, Roster roster, int minimum) throws Exception {
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            if (roster.banned().contains(name)) {
                problems.add(name + " was removed from the class (users.banned): `littlehub add-student " + name
                        + "` first");
            } else if (!roster.everyone().contains(name)) {
                problems.add(Roster.unknown(name, roster.everyone(), "on the roster") + ": add them first");
            }
        }
        List<String> lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .lines()
                .toList();
        if (lines.size() != names.size()) {
            problems.add("stdin holds " + lines.size() + " password lines for " + names.size()
                    + " names: give one line per name");
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(lines.size(), names.size()); i++) {
            String name = names.get(i);
            PasswordRule.problem(lines.get(i), minimum).ifPresent(p -> problems.add(name + ": " + p));
            passwords.put(name, lines.get(i));
        }
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            System.err.println("nothing changed");
            return null;
        }
        return passwords;
    }
}
