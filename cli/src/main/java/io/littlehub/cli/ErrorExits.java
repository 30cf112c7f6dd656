package io.littlehub.cli;

import io.littlehub.cli.transport.SshFailure;
import io.littlehub.common.ExitCodes;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place an exception becomes what the teacher reads and an exit code: a usage error is its message and where
 * help is (not the whole help page); anything a command throws is its message, never a stack trace or a Java class
 * name ({@code LITTLEHUB_DEBUG=1} prints the stack trace too).
 */
public final class ErrorExits
        implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private final boolean debug;

    public ErrorExits(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        // picocli starts some messages with its own "Error: "; littlehub's prefix says the same.
        err.println("littlehub: " + e.getMessage().replaceFirst("^Error: ", ""));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("try '" + command.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println("littlehub: " + message(e));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode(e);
    }

    /** The exit code for a command that ended with {@code e}. */
    public static int exitCode(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            return exitCode(u.getCause());
        }
        if (e instanceof SshFailure) {
            return ExitCodes.UNREACHABLE;
        }
        // A file the teacher named that is not there or not theirs to read: their input, like a bad argument.
        boolean badInput = e instanceof IllegalArgumentException
                || e instanceof NoSuchFileException
                || e instanceof AccessDeniedException;
        return badInput ? ExitCodes.USAGE : ExitCodes.FAILED;
    }

    /** What went wrong, in words: Java's file errors carry only the path or a terse reason. */
    public static String message(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            return message(u.getCause());
        }
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "cannot be read or written" : f.getReason());
        }
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            return "an unexpected error, a bug in littlehub: please report it with what LITTLEHUB_DEBUG=1 prints";
        }
        return e.getMessage();
    }
}
