package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.remote.SudoCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import net.schmizz.sshj.sftp.SFTPClient;
import org.junit.jupiter.api.Test;

/**
 * A connection's first root command finds its way to root in its own exec (no probe) when no password is needed, and
 * leaves the asking to the usual way when sudo wants one, as data: a link that answers scripted output.
 */
class WayToRootTest {
    private static final ResolvedTarget TARGET =
            new ResolvedTarget("vm", "203.0.113.7", 22, "teacher", List.of(), false, null, null, null, null, List.of());
    private static final List<String> FACTS = List.of("cat", "/etc/os-release");

    /** Answers the first command with {@code stdout}/{@code stderr}/{@code exit}, every later one with "ok". */
    private static final class ScriptedLink implements Link {
        final List<String> commandLines = new ArrayList<>();
        final String stdout;
        final String stderr;
        final int exit;

        ScriptedLink(String stdout, String stderr, int exit) {
            this.stdout = stdout;
            this.stderr = stderr;
            this.exit = exit;
        }

        @Override
        public int exec(String commandLine, InputStream stdin, OutputStream out, OutputStream err) throws IOException {
            boolean first = commandLines.isEmpty();
            commandLines.add(commandLine);
            err.write((first ? stderr : "").getBytes(StandardCharsets.UTF_8));
            out.write((first ? stdout : "ok\n").getBytes(StandardCharsets.UTF_8));
            out.close();
            err.close();
            return first ? exit : 0;
        }

        @Override
        public SFTPClient sftp() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();

    private static RemoteHost host(Link link) {
        return new RemoteHost(() -> link, TARGET, ScriptedPrompter.nobody(), new StallRetry(d -> {}, s -> {}));
    }

    private OptionalInt firstRun(RemoteHost host) {
        return host.runAsRootIfNoPassword(FACTS, InputStream.nullInputStream(), out::add, err::add);
    }

    @Test
    void passwordlessSudoIsFoundInTheCommandsOwnExecAndUsedAfterwards() {
        ScriptedLink link = new ScriptedLink(
                SudoCommands.AS_ROOT_BY + "sudo\nPRETTY_NAME=Debian\n", "a warning of the command\n", 0);
        RemoteHost host = host(link);
        assertEquals(OptionalInt.of(0), firstRun(host));
        assertEquals(List.of("PRETTY_NAME=Debian"), out);
        assertEquals(List.of("a warning of the command"), err);
        assertEquals(ShellQuote.join(SudoCommands.asRootWithoutPassword(FACTS)), link.commandLines.get(0));
        host.runAsRoot(List.of("true"));
        assertEquals(
                List.of(ShellQuote.join(List.of("sudo", "-n", "--", "true"))),
                link.commandLines.subList(1, 2),
                "no probe: the way is known");
    }

    @Test
    void rootIsFoundTheSameWay() {
        ScriptedLink link = new ScriptedLink(SudoCommands.AS_ROOT_BY + "root\nx\n", "", 3);
        RemoteHost host = host(link);
        assertEquals(OptionalInt.of(3), firstRun(host), "the command's own exit");
        host.runAsRoot(List.of("true"));
        assertEquals(ShellQuote.join(List.of("true")), link.commandLines.get(1));
    }

    @Test
    void aReadOnlyCommandWithoutStdinIsOneExecToo() {
        ScriptedLink link = new ScriptedLink(SudoCommands.AS_ROOT_BY + "sudo\nstatus: ok\n", "", 0);
        assertEquals(0, host(link).runAsRootStreaming(FACTS, out::add, err::add));
        assertEquals(List.of("status: ok"), out);
        assertEquals(List.of(ShellQuote.join(SudoCommands.asRootWithoutPassword(FACTS))), link.commandLines);
    }

    @Test
    void whenSudoWantsAPasswordNothingRanAndNothingIsPassedOn() {
        ScriptedLink link = new ScriptedLink("", "sudo: a password is required\n", 1);
        assertEquals(OptionalInt.empty(), firstRun(host(link)));
        assertTrue(out.isEmpty() && err.isEmpty(), out + " " + err);
    }
}
