package io.littlehub.cli.rehearsal;

import io.littlehub.cli.passwords.GeneratedPassword;
import io.littlehub.cli.passwords.HubPasswords;
import io.littlehub.cli.remote.AgentOptions;
import io.littlehub.cli.remote.RehearsalCommands;
import io.littlehub.cli.remote.RosterCommands;
import io.littlehub.cli.remote.RosterCommands.Home;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.Result;
import io.littlehub.common.students.StudentNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rehearsal's students on the hub, through its agent: {@code rehearsal-NNN} added to users.rehearsal with made-up
 * passwords, then removed with their homes, unix users, servers (so units and routes) and hub users; a server unit
 * that failed (its start cut short by the removal) is reset. The names are
 * written to {@code ledger} before the roster changes and forgotten only after they are gone, so a rehearsal that
 * died is swept by the next one.
 */
final class TemporaryStudents {
    static final String PREFIX = StudentNames.REHEARSAL_PREFIX;

    private final RemoteHost host;
    private final Path ledger;
    private final String who;

    /** @param who the lock owner the agent records for the roster changes ({@code LockOwner}) */
    TemporaryStudents(RemoteHost host, Path ledger, String who) {
        this.host = host;
        this.ledger = ledger;
        this.who = who;
    }

    static List<String> names(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(PREFIX + String.format("%03d", i));
        }
        return names;
    }

    /** Removes what an interrupted rehearsal left (the ledger's names); the names removed. */
    List<String> sweep() {
        List<String> left = recorded();
        if (!left.isEmpty()) {
            remove(left);
        }
        return left;
    }

    /** Adds the students with made-up passwords: name → password. */
    Map<String, String> add(List<String> names) {
        record(names);
        agent(RosterCommands.addRehearsalStudents(names, new AgentOptions(false, 120, who)));
        Map<String, String> passwords = new LinkedHashMap<>();
        names.forEach(n -> passwords.put(n, GeneratedPassword.next()));
        HubPasswords.set(host, passwords, false);
        return passwords;
    }

    void remove(List<String> names) {
        agent(RosterCommands.removeStudent(names, Home.DELETE, new AgentOptions(false, 120, who)));
        // Exit 0 or 5 (no such unit): either way nothing of theirs is listed afterwards.
        host.runAsRoot(RehearsalCommands.resetFailedServers(PREFIX));
        try {
            Files.deleteIfExists(ledger);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void agent(List<String> argv) {
        Result r = host.runAsRoot(argv);
        if (!r.ok()) {
            throw new IllegalStateException(
                    "the hub's agent failed (exit " + r.exitCode() + "): " + (r.stderr() + r.stdout()).strip());
        }
    }

    private List<String> recorded() {
        try {
            return Files.isRegularFile(ledger)
                    ? Files.readAllLines(ledger).stream()
                            .filter(l -> !l.isBlank())
                            .toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(List<String> names) {
        try {
            Files.createDirectories(ledger.getParent());
            Files.write(ledger, names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
