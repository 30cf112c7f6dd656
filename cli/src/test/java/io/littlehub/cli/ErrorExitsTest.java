package io.littlehub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.transport.SshFailure;
import io.littlehub.common.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one mapping from what went wrong to what the teacher reads and the exit code. */
class ErrorExitsTest {
    @Test
    void eachKindOfFailureHasItsExitCode() {
        assertEquals(ExitCodes.UNREACHABLE, ErrorExits.exitCode(new SshFailure("cannot connect", "check the address")));
        assertEquals(ExitCodes.USAGE, ErrorExits.exitCode(new IllegalArgumentException("no hub named x")));
        assertEquals(ExitCodes.USAGE, ErrorExits.exitCode(new NoSuchFileException("roster.csv")));
        assertEquals(ExitCodes.USAGE, ErrorExits.exitCode(new UncheckedIOException(new AccessDeniedException("key"))));
        assertEquals(ExitCodes.FAILED, ErrorExits.exitCode(new IllegalStateException("the agent said no")));
        assertEquals(ExitCodes.FAILED, ErrorExits.exitCode(new java.io.IOException("Broken pipe")));
    }

    @Test
    void javasTerseFileErrorsBecomeWords() {
        assertEquals("roster.csv: no such file", ErrorExits.message(new NoSuchFileException("roster.csv")));
        assertEquals(
                "key: permission denied",
                ErrorExits.message(new UncheckedIOException(new AccessDeniedException("key"))));
        assertEquals(
                "cannot connect\n  fix: check the address",
                ErrorExits.message(new SshFailure("cannot connect", "check the address")));
        assertEquals(
                "an unexpected error, a bug in littlehub: please report it with what LITTLEHUB_DEBUG=1 prints",
                ErrorExits.message(new NullPointerException()));
    }

    @Test
    void aUsageErrorIsTheMessageAndWhereHelpIsNotTheWholePage() {
        for (List<String> args : List.of(List.of("config", "set", "limits.memory"), List.of("statsu"))) {
            CommandLine cl = LittlehubCommand.commandLine(ConfigContext::fromEnvironment);
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            assertEquals(ExitCodes.USAGE, cl.execute(args.toArray(String[]::new)));
            List<String> lines = err.toString().lines().toList();
            String command = args.size() > 1 ? "littlehub config set" : "littlehub";
            assertEquals("try '" + command + " --help'", lines.get(lines.size() - 1), err.toString());
            assertEquals(args.size() > 1 ? 2 : 3, lines.size(), "message[, suggestion], where help is: " + err);
        }
    }
}
