package io.littlehub.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The littlehub release this build is (the agent and the CLI are always built, and shipped, together). */
public final class BuildInfo {
    private BuildInfo() {}

    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
