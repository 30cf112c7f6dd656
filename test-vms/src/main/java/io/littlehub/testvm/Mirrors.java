package io.littlehub.testvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Which Debian mirrors the images use: the host's own (it is known to be reachable), or LITTLEHUB_DEBIAN_MIRROR. */
final class Mirrors {
    private static final String DEFAULT = "http://deb.debian.org/debian";

    private Mirrors() {}

    static String debian() {
        String explicit = System.getenv("LITTLEHUB_DEBIAN_MIRROR");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        return hostUris().stream()
                .filter(u -> u.replaceAll("/+$", "").endsWith("/debian"))
                .findFirst()
                .orElse(DEFAULT);
    }

    static String security() {
        return hostUris().stream()
                .filter(u -> u.replaceAll("/+$", "").endsWith("/debian-security"))
                .findFirst()
                .orElse(debian().replaceAll("/debian/*$", "/debian-security"));
    }

    static String sourcesList(String suite) {
        return "deb " + debian() + " " + suite + " main\n"
                + "deb " + debian() + " " + suite + "-updates main\n"
                + "deb " + security() + " " + suite + "-security main\n";
    }

    private static List<String> hostUris() {
        List<String> uris = new ArrayList<>();
        Path dir = Path.of("/etc/apt/sources.list.d");
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".sources"))
                            .sorted()
                            .toList()) {
                        for (String line : Files.readAllLines(f)) {
                            if (line.startsWith("URIs:")) {
                                uris.addAll(List.of(line.substring(5).trim().split("\\s+")));
                            }
                        }
                    }
                }
            }
            Path list = Path.of("/etc/apt/sources.list");
            if (Files.isRegularFile(list)) {
                for (String line : Files.readAllLines(list)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 3 && f[0].equals("deb")) {
                        uris.add(f[1].startsWith("[") ? f[2] : f[1]);
                    }
                }
            }
        } catch (IOException e) {
            return uris;
        }
        return uris;
    }
}
