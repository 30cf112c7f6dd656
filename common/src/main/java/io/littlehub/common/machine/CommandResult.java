package io.littlehub.common.machine;

/** What a program printed and how it exited. */
public record CommandResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
