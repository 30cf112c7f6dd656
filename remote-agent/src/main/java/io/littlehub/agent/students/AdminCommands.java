package io.littlehub.agent.students;

import io.littlehub.agent.ChangeOptions;
import io.littlehub.agent.ConfigApply;
import io.littlehub.agent.ExitCodes;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code add-admin} / {@code remove-admin}: hub admins (users.admin) are JupyterHub admins and, through the admins'
 * unix group, may sudo on the VM. JupyterHub keeps admin rights in its database, so a removed admin is also demoted
 * there; they stay on the roster as a student.
 */
public final class AdminCommands {
    private AdminCommands() {
    }

    @Command(name = "add-admin", description = "Make users hub admins (they may also sudo on the VM).")
    public static final class Add implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME", arity = "1..*") List<String> typed;
        @Mixin ChangeOptions change;

        @Override
        public Integer call() throws Exception {
            NameList names = new NameList().addAll(typed);
            Roster roster = Roster.of(ConfigApply.onThisMachine(null).current());
            names.checkUnixNames(roster.everyone());
            return names.report(System.err) ? ExitCodes.INVALID_CONFIG : changeAdmins(names.names(), true, roster, change);
        }
    }

    @Command(name = "remove-admin", description = "Take admin rights away (the users stay on the roster as students).")
    public static final class Remove implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME", arity = "1..*") List<String> typed;
        @Mixin ChangeOptions change;

        @Override
        public Integer call() throws Exception {
            NameList names = new NameList().addAll(typed);
            Roster roster = Roster.of(ConfigApply.onThisMachine(null).current());
            for (String name : names.names()) {
                if (!roster.admins().contains(name)) {
                    names.problem(Roster.unknown(name, roster.admins(), "an admin"));
                }
            }
            return names.report(System.err) ? ExitCodes.INVALID_CONFIG : changeAdmins(names.names(), false, roster, change);
        }
    }

    private static int changeAdmins(List<String> names, boolean admin, Roster roster, ChangeOptions change) throws Exception {
        String summary = (admin ? "add-admin " : "remove-admin ") + AddStudentCommand.summary(names);
        int exit = change.apply(text -> admin ? RosterEdit.addAdmins(text, names) : RosterEdit.removeAdmins(text, names), summary);
        if (exit != ExitCodes.OK) {
            return exit;
        }
        PrintStream out = change.json ? System.err : System.out;
        HubApi api = HubApi.onThisMachine(roster.baseUrl());
        for (String name : names) {
            boolean inHub = api.setAdmin(name, admin);
            out.println(name + ": " + (admin ? "admin" : "no longer an admin (still a student)")
                    + (inHub ? "" : " (from their first sign-in)"));
        }
        return ExitCodes.OK;
    }
}
