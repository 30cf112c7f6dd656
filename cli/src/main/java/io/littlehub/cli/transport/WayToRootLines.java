package io.littlehub.cli.transport;

import io.littlehub.cli.remote.SudoCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The output of {@link SudoCommands#asRootWithoutPassword}: stdout's first line names the way to root and is kept
 * back; the command's lines go on to the caller's consumers. Stderr before that line may be sudo's refusal, so it is
 * held until the way is known (stdout and stderr arrive on two threads) and dropped when it never is.
 */
final class WayToRootLines {
    private final Consumer<String> stdoutLine;
    private final Consumer<String> stderrLine;
    private final List<String> heldErrors = new ArrayList<>();
    private String way;

    WayToRootLines(Consumer<String> stdoutLine, Consumer<String> stderrLine) {
        this.stdoutLine = stdoutLine;
        this.stderrLine = stderrLine;
    }

    void stdout(String line) {
        if (way() == null) {
            if (line.startsWith(SudoCommands.AS_ROOT_BY)) {
                found(line.substring(SudoCommands.AS_ROOT_BY.length()));
            }
            // Nothing of the command comes before the way's line.
            return;
        }
        stdoutLine.accept(line);
    }

    synchronized void stderr(String line) {
        if (way == null) {
            heldErrors.add(line);
        } else {
            stderrLine.accept(line);
        }
    }

    private synchronized void found(String how) {
        way = how;
        heldErrors.forEach(stderrLine);
        heldErrors.clear();
    }

    private synchronized String way() {
        return way;
    }

    /** The way ({@link SudoCommands#ROOT} or {@link SudoCommands#SUDO}); empty: nothing ran as root. */
    synchronized Optional<String> found() {
        return Optional.ofNullable(way);
    }
}
