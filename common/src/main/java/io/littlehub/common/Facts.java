package io.littlehub.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the agent reports about its machine before anything is planned: OS, architecture, memory, disk, systemd. */
public record Facts(
        String osId,
        String osVersion,
        String osName,
        String architecture,
        long memoryBytes,
        long freeDiskBytes,
        int systemdVersion) {

    /** Builds facts from the raw texts the system offers; pure, so it is tested with captured files. */
    public static Facts parse(
            String osRelease, String meminfo, String systemctlVersion, String architecture, long freeDiskBytes) {
        Map<String, String> os = keyValues(osRelease);
        long memKb = 0;
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        int systemd = 0;
        String first = systemctlVersion.strip().split("\n")[0];
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^systemd (\\d+)").matcher(first);
        if (m.find()) {
            systemd = Integer.parseInt(m.group(1));
        }
        return new Facts(
                os.getOrDefault("ID", "unknown"),
                os.getOrDefault("VERSION_ID", ""),
                os.getOrDefault("PRETTY_NAME", os.getOrDefault("NAME", "unknown")),
                architecture,
                memKb * 1024,
                freeDiskBytes,
                systemd);
    }

    static Map<String, String> keyValues(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                String v = line.substring(eq + 1).strip();
                if (v.length() >= 2
                        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                out.put(line.substring(0, eq).strip(), v);
            }
        }
        return out;
    }
}
