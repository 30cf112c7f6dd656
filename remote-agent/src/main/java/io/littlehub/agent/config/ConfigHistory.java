package io.littlehub.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every config that was applied, numbered from 1, with when, who and what changed: for {@code config history|rollback}. */
public final class ConfigHistory {
    public static final Path DEFAULT = Path.of("/var/lib/littlehub/config-history");

    public record Entry(int number, String when, String who, String summary) {
        @Override
        public String toString() {
            return number + "  " + when + "  " + who + "  " + summary;
        }
    }

    private final Path dir;

    public ConfigHistory(Path dir) {
        this.dir = dir;
    }

    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path meta : files.filter(p -> p.getFileName().toString().endsWith(".meta")).sorted().toList()) {
                String[] f = Files.readString(meta).strip().split("\t", 3);
                int n = Integer.parseInt(meta.getFileName().toString().replace(".meta", ""));
                out.add(new Entry(n, f[0], f.length > 1 ? f[1] : "", f.length > 2 ? f[2] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config history in " + dir, e);
        }
        return out;
    }

    public Optional<String> text(int number) {
        Path file = dir.resolve(String.format("%04d.yaml", number));
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records an applied config; returns its number. */
    public int record(String text, String who, String summary) {
        int next = list().stream().mapToInt(Entry::number).max().orElse(0) + 1;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(String.format("%04d.yaml", next)), text);
            Files.writeString(dir.resolve(String.format("%04d.meta", next)),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\t" + who + "\t" + summary.replace('\n', ' ') + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the config in " + dir, e);
        }
        return next;
    }
}
