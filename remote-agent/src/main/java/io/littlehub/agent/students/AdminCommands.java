package io.littlehub.agent.students;

import io.littlehub.agent.ChangeOptions;
import io.littlehub.agent.ConfigApply;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.machine.LocalMachine;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code add-admin} / {@code remove-admin}: hub admins (users.admin) are JupyterHub admins and, through the admins'
 * unix group, may sudo on the VM and change the users' environment and /srv/data. JupyterHub keeps admin rights in
 * its database, so a removed admin is also demoted there, their running server is stopped, and nothing in the shared
 * trees stays theirs: their rights end when the command returns. They stay on the roster as a student.
 */
public final class AdminCommands {
    private AdminCommands() {}

    @Command(name = "add-admin", description = "Make users hub admins (they may also sudo on the VM).")
    public static final class Add implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME", arity = "1..*")
        List<String> typed;

        @Mixin
        ChangeOptions change;

        @Override
        public Integer call() throws Exception {
            NameList names = new NameList().addAll(typed);
            Roster roster = Roster.of(ConfigApply.onThisMachine(null).current());
            names.checkUnixNames(roster.everyone());
            return names.report(System.err)
                    ? ExitCodes.INVALID_CONFIG
                    : changeAdmins(names.names(), true, roster, change);
        }
    }

    @Command(name = "remove-admin", description = "Take admin rights away (the users stay on the roster as students).")
    public static final class Remove implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME", arity = "1..*")
        List<String> typed;

        @Mixin
        ChangeOptions change;

        @Override
        public Integer call() throws Exception {
            NameList names = new NameList().addAll(typed);
            Roster roster = Roster.of(ConfigApply.onThisMachine(null).current());
            for (String name : names.names()) {
                if (!roster.admins().contains(name)) {
                    names.problem(Roster.unknown(name, roster.admins(), "an admin"));
                }
            }
            return names.report(System.err)
                    ? ExitCodes.INVALID_CONFIG
                    : changeAdmins(names.names(), false, roster, change);
        }
    }

    /**
     * The config change first (one transaction; its converge sets the admins' group to exactly the admins and gives
     * anything a person owns in the users' environment and /srv/data to root), then the hub's own admin flag. A
     * removed admin's running server is then stopped: its processes keep the group (sudo) they started with until
     * they end, and a file it writes into a shared tree later would be theirs again, so it is given to root too.
     */
    private static int changeAdmins(List<String> names, boolean admin, Roster roster, ChangeOptions change)
            throws Exception {
        String summary = (admin ? "add-admin " : "remove-admin ") + AddStudentCommand.summary(names);
        int exit = change.apply(
                text -> admin ? RosterEdit.addAdmins(text, names) : RosterEdit.removeAdmins(text, names), summary);
        if (exit != ExitCodes.OK) {
            return exit;
        }
        PrintStream out = change.json ? System.err : System.out;
        HubApi api = HubApi.onThisMachine(roster.baseUrl());
        for (String name : names) {
            boolean inHub = api.setAdmin(name, admin);
            boolean stopped = !admin && api.stopServer(name, SERVER_STOP);
            out.println(name + ": " + (admin ? "admin" : "no longer an admin (still a student)")
                    + (inHub ? "" : " (from their first sign-in)")
                    + (stopped
                            ? "; their server was stopped (no sudo from now on: they start it again as a student)"
                            : ""));
        }
        if (!admin) {
            SharedTrees.giveToRoot(new LocalMachine(), out);
        }
        return ExitCodes.OK;
    }

    private static final Duration SERVER_STOP = Duration.ofSeconds(90);
}
