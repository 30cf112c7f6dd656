package io.littlehub.cli.students;

import io.littlehub.common.students.RosterCsv;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A roster CSV on the laptop, read here (so problems name the teacher's own file and lines) and turned into the
 * agent's add-student arguments: names, plus {@code --admin NAME} and {@code --email NAME=ADDRESS}.
 */
public final class CsvRoster {
    public record Arguments(List<String> options, List<String> names) {
    }

    private CsvRoster() {
    }

    /** Empty when the file has problems (printed to {@code err}, each with its line). */
    public static Optional<Arguments> read(Path file, PrintStream err) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            err.println(file + " does not exist: give the path of the roster CSV");
            return Optional.empty();
        }
        RosterCsv.Result parsed = RosterCsv.parse(file.toString(), text);
        if (!parsed.problems().isEmpty()) {
            parsed.problems().forEach(err::println);
            err.println("nothing changed: fix the roster file and run the command again");
            return Optional.empty();
        }
        List<String> options = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (RosterCsv.Entry e : parsed.entries()) {
            names.add(e.name());
            if (e.admin()) {
                options.addAll(List.of("--admin", e.name()));
            }
            if (e.email() != null) {
                options.addAll(List.of("--email", e.name() + "=" + e.email()));
            }
        }
        return Optional.of(new Arguments(options, names));
    }
}
