package io.littlehub.cli.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files an {@code Include} line names: ~ expanded, relative to ~/.ssh, a glob in the file name, sorted. */
final class FileIncludes {
    private FileIncludes() {}

    static List<String> load(String pattern, Path sshDir, Path home) throws IOException {
        Path p = Path.of(Tokens.tilde(pattern, home));
        if (!p.isAbsolute()) {
            p = sshDir.resolve(p);
        }
        Path dir = p.getParent();
        String name = p.getFileName().toString();
        List<Path> files = new ArrayList<>();
        if (name.contains("*") || name.contains("?")) {
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name)) {
                    ds.forEach(files::add);
                }
            }
        } else {
            files.add(p);
        }
        files.sort(null);
        List<String> texts = new ArrayList<>();
        for (Path f : files) {
            if (Files.isRegularFile(f)) {
                texts.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return texts;
    }
}
