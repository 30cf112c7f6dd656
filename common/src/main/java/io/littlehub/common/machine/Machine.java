package io.littlehub.common.machine;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The machine the agent changes. Operations read facts and apply actions only through this interface, so they can
 * be tested with a recorded machine. Programs are always argument lists, never shell strings. Safe for concurrent use:
 * the branches of a playbook's {@code parallel} group call one machine from several threads.
 */
public interface Machine {
    CommandResult run(List<String> argv);

    /** Runs a program and hands each output line (stdout and stderr) to {@code progress} as it arrives. */
    CommandResult run(List<String> argv, Consumer<String> progress);

    /** Runs a program with {@code stdin} as its standard input: how secrets reach a program without its argv. */
    CommandResult run(List<String> argv, byte[] stdin);

    /** Both: {@code stdin} as standard input, each output line to {@code progress}. */
    CommandResult run(List<String> argv, byte[] stdin, Consumer<String> progress);

    Optional<FileState> stat(String path);

    /** A regular file's size and modification time, its content not read (no hash); empty when there is none. */
    Optional<FileStamp> stamp(String path);

    Optional<byte[]> read(String path);

    /** The names in a directory, sorted; empty when it is not one. */
    List<String> list(String directory);

    /** Writes atomically (temporary file, fsync, rename) with the given ownership and mode. */
    void write(String path, byte[] content, String owner, String group, int mode);

    void makeDirectory(String path, String owner, String group, int mode);

    void setAttributes(String path, String owner, String group, int mode);
}
