package io.littlehub.cli.passwords;

import io.littlehub.cli.transport.RemoteHost;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every admin of a FirstUse hub has a password the teacher set, so nobody can claim an admin name by signing in
 * first: after {@code provision --admin} and {@code add-admin}, each named admin without a password gets one
 * ({@link PasswordChoice}); with a password file, it is set even over an existing one.
 */
public final class AdminPasswords {
    /** {@code set}: the admins whose password was set now, with how it was chosen; {@code generated}: those to show. */
    public record Outcome(String auth, Map<String, String> set, Map<String, String> generated) {
        public boolean changed() {
            return !set.isEmpty();
        }

        /** The step's actions: who got a password and from where; never the password. */
        public List<String> actions() {
            return set.entrySet().stream()
                    .map(e -> "set the password of admin " + e.getKey() + " (" + e.getValue() + ")")
                    .toList();
        }
    }

    private AdminPasswords() {}

    public static Outcome ensure(RemoteHost host, List<String> admins, PasswordChoice choice) {
        HubPasswords.Stored stored = HubPasswords.stored(host, admins);
        if (!stored.firstUse()) {
            return new Outcome(stored.auth(), Map.of(), Map.of());
        }
        List<String> targets = choice.fromFile() ? admins : stored.without(admins);
        Map<String, PasswordChoice.Chosen> chosen = new LinkedHashMap<>();
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String name : targets) {
            PasswordChoice.Chosen c = choice.choose(name);
            chosen.put(name, c);
            passwords.put(name, c.password());
        }
        Map<String, String> set = new LinkedHashMap<>();
        Map<String, String> generated = new LinkedHashMap<>();
        if (!passwords.isEmpty()) {
            for (String name : HubPasswords.set(host, passwords, !choice.fromFile())) {
                set.put(name, chosen.get(name).source());
                if (chosen.get(name).generated()) {
                    generated.put(name, chosen.get(name).password());
                }
            }
        }
        return new Outcome(stored.auth(), set, generated);
    }

    /** Shows the made-up passwords, once: the teacher's only chance to copy them. */
    public static void show(PrintStream out, Outcome outcome) {
        outcome.generated()
                .forEach((name, password) -> out.println("Admin " + name + " signs in with the password " + password
                        + "  (made up by littlehub and shown only now: keep it in your password manager)"));
    }
}
