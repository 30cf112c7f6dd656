package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.remote.SudoCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** How sudo is detected and used, with a fake remote side. */
class SudoTest {
    /** A fake VM: answers by argv; records what ran. */
    static final class FakeVm implements BiFunction<List<String>, byte[], Result> {
        final List<List<String>> ran = new ArrayList<>();
        String uid = "1000";
        Result sudoN = new Result(1, "", "sudo: a password is required\n");
        String password = "right";
        String passwordStderr = "Sorry, try again.\nsudo: no password was provided\n";

        @Override
        public Result apply(List<String> argv, byte[] stdin) {
            ran.add(argv);
            if (argv.equals(SudoCommands.probe())) {
                // id -u, then (not root) sudo -n true: its exit and stderr are the probe's.
                return uid.equals("0")
                        ? new Result(0, "0\n", "")
                        : new Result(sudoN.exitCode(), uid + "\n", sudoN.stderr());
            }
            if (argv.equals(List.of("sudo", "-k", "-S", "-p", "", "--", "true"))) {
                String given = new String(stdin, StandardCharsets.UTF_8);
                return given.equals(password + "\n") ? new Result(0, "", "") : new Result(1, "", passwordStderr);
            }
            throw new AssertionError("unexpected: " + argv);
        }
    }

    @Test
    void rootNeedsNoSudo() {
        FakeVm vm = new FakeVm();
        vm.uid = "0";
        Sudo s = Sudo.detect(vm, "root", "h", ScriptedPrompter.nobody());
        assertEquals(Sudo.Mode.ROOT, s.mode());
        Sudo.Prepared p = s.prepare(List.of("systemctl", "restart", "x"));
        assertEquals(List.of("systemctl", "restart", "x"), p.argv());
        assertNull(p.stdin());
    }

    @Test
    void passwordlessSudo() {
        FakeVm vm = new FakeVm();
        vm.sudoN = new Result(0, "", "");
        Sudo s = Sudo.detect(vm, "tester", "h", ScriptedPrompter.nobody());
        assertEquals(Sudo.Mode.PASSWORDLESS, s.mode());
        assertEquals(List.of(SudoCommands.probe()), vm.ran, "both questions in one exec");
        assertEquals(List.of("sudo", "-n", "--", "id"), s.prepare(List.of("id")).argv());
    }

    @Test
    void passwordIsAskedCheckedRetriedAndFedOnStdin() {
        FakeVm vm = new FakeVm();
        ScriptedPrompter p = new ScriptedPrompter().answer("wrong").answer("right");
        Sudo s = Sudo.detect(vm, "alice", "h", p);
        assertEquals(Sudo.Mode.PASSWORD, s.mode());
        assertEquals(2, p.asked.size());
        assertTrue(p.asked.get(0).contains("password for alice"));
        Sudo.Prepared prepared = s.prepare(List.of("cat", "/etc/shadow"));
        assertEquals(List.of("sudo", "-k", "-S", "-p", "", "--", "cat", "/etc/shadow"), prepared.argv());
        assertArrayEquals("right\n".getBytes(StandardCharsets.UTF_8), prepared.stdin());
    }

    @Test
    void noTerminalForAPasswordIsAClearError() {
        SshFailure f = assertThrows(
                SshFailure.class, () -> Sudo.detect(new FakeVm(), "alice", "h", ScriptedPrompter.nobody()));
        assertTrue(f.problem().contains("needs alice's password"));
        assertTrue(f.fix().contains("NOPASSWD"));
    }

    @Test
    void threeWrongPasswordsOrNoSudoRightsOrNoSudo() {
        ScriptedPrompter p = new ScriptedPrompter().answer("a").answer("b").answer("c");
        SshFailure wrong = assertThrows(SshFailure.class, () -> Sudo.detect(new FakeVm(), "alice", "h", p));
        assertTrue(wrong.problem().contains("did not accept the password"));

        FakeVm notSudoer = new FakeVm();
        notSudoer.passwordStderr = "alice is not in the sudoers file.\n";
        SshFailure rights = assertThrows(
                SshFailure.class,
                () -> Sudo.detect(notSudoer, "alice", "h", new ScriptedPrompter().answer("right-or-not")));
        assertTrue(rights.problem().contains("may not use sudo"));

        FakeVm noSudo = new FakeVm();
        noSudo.sudoN = new Result(127, "", "sh: 1: sudo: not found\n");
        SshFailure missing =
                assertThrows(SshFailure.class, () -> Sudo.detect(noSudo, "bob", "h", ScriptedPrompter.nobody()));
        assertTrue(missing.problem().contains("sudo is not installed"));
    }
}
