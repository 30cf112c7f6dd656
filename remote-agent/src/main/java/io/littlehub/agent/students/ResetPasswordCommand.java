package io.littlehub.agent.students;

import io.littlehub.agent.ConfigApply;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.students.StudentNames;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code reset-password NAME}: with FirstUse sign-in, the student's next sign-in sets a new password. */
@Command(
        name = "reset-password",
        description =
                "FirstUse sign-in: the student sets a new password at their next sign-in; the old one stops working.")
public final class ResetPasswordCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME")
    String typed;

    @picocli.CommandLine.Option(names = "--json", description = "print {\"name\": …, \"forgotten\": true|false}")
    boolean json;

    /** Where a password is changed with sign-in type {@code authType} (not firstuse): the sentence for the teacher. */
    static String advice(String authType, String name) {
        return switch (authType) {
            case "native" ->
                "with native sign-in, an admin sets a new password in the hub at /hub/change-password/" + name;
            case "shared-password" ->
                "with shared-password sign-in everyone uses auth.user_password: change it with `littlehub config set auth.user_password …`";
            default -> "with " + authType + " sign-in, passwords live at the provider: change it there";
        };
    }

    @Override
    public Integer call() throws Exception {
        String name;
        try {
            name = StudentNames.normalize(typed);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return ExitCodes.INVALID_CONFIG;
        }
        Roster roster = Roster.of(ConfigApply.onThisMachine(null).current());
        if (!"firstuse".equals(roster.authType())) {
            System.err.println("reset-password works with firstuse sign-in; " + advice(roster.authType(), name));
            return ExitCodes.USAGE;
        }
        boolean forgotten = new PasswordReset(new LocalMachine()).forget(name);
        System.out.println(
                json
                        ? new com.fasterxml.jackson.databind.ObjectMapper()
                                .writeValueAsString(java.util.Map.of("name", name, "forgotten", forgotten))
                        : forgotten
                                ? name
                                        + ": password forgotten; their next sign-in sets a new one (the old one no longer works)"
                                : name + " has no password yet: their first sign-in sets one");
        return ExitCodes.OK;
    }
}
