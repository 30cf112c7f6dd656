package io.littlehub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build this CLI is, for {@code littlehub --version}: the release and the commit it was built from. */
public final class BuildStamp {
    private BuildStamp() {}

    /** {@code littlehub 0.6.0 (commit 1a2b3c4)}; a build from changed sources says so, one without git says that. */
    public static String describe() {
        Properties p = new Properties();
        try (InputStream in = BuildStamp.class.getResourceAsStream("build.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return describe(p.getProperty("version"), p.getProperty("commit"), p.getProperty("dirty"));
    }

    /** Pure: a value the build did not fill in is still {@code ${…}}. */
    static String describe(String version, String commit, String dirty) {
        if (commit == null || commit.isBlank() || commit.startsWith("${")) {
            return "littlehub " + version + " (built outside a git checkout: commit unknown)";
        }
        String changes = "true".equals(dirty) ? ", with uncommitted changes" : "";
        return "littlehub " + version + " (commit " + commit + changes + ")";
    }
}
