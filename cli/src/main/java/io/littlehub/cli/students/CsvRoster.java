package io.littlehub.cli.students;

import io.littlehub.common.students.RosterCsv;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A roster CSV on the laptop, read here (so problems name the teacher's own file and lines); its rows become the
 * agent's add-student arguments ({@code RosterCommands.addStudent}).
 */
public final class CsvRoster {
    private CsvRoster() {}

    /**
     * Empty when the file has problems (printed to {@code err}, each with its line). Notes (a guessed encoding,
     * suggestions taken) go to {@code err} too. {@code encoding} null: detected.
     */
    public static Optional<List<RosterCsv.Entry>> read(
            Path file, Charset encoding, boolean acceptSuggestions, PrintStream err) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            err.println(file + " does not exist: give the path of the roster CSV");
            return Optional.empty();
        }
        RosterCsv.Result parsed = RosterCsv.read(file.toString(), bytes, encoding, acceptSuggestions);
        parsed.notes().forEach(err::println);
        if (!parsed.problems().isEmpty()) {
            parsed.problems().forEach(err::println);
            err.println("nothing changed: fix the roster file and run the command again");
            return Optional.empty();
        }
        return Optional.of(parsed.entries());
    }
}
