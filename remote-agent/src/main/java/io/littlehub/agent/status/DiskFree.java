package io.littlehub.agent.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code df -P --block-size=1 PATH…}: a header, then one line per path, in the order given (a filesystem
 * holding two of them appears twice). Pure.
 */
public final class DiskFree {
    /** Size, used, available, capacity, mount point: read from the capacity column, so a device name with spaces fits. */
    private static final Pattern LINE = Pattern.compile("\\s([0-9]+)\\s+([0-9]+)\\s+([0-9]+)\\s+[0-9]+%\\s+(\\S.*)$");

    private DiskFree() {}

    /** One {@link HubStatus.Disk} per filesystem, with the {@code paths} it holds. */
    public static List<HubStatus.Disk> disks(String output, List<String> paths) {
        List<String> lines = output.lines().skip(1).filter(l -> !l.isBlank()).toList();
        if (lines.size() != paths.size()) {
            throw new IllegalArgumentException(
                    "df printed " + lines.size() + " filesystems for " + paths.size() + " paths: " + output.strip());
        }
        Map<String, HubStatus.Disk> byMount = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.find()) {
                throw new IllegalArgumentException(
                        "df printed a line that is not SIZE USED AVAILABLE CAPACITY% MOUNT: " + lines.get(i));
            }
            String mount = m.group(4);
            HubStatus.Disk known = byMount.get(mount);
            List<String> held = new ArrayList<>(known == null ? List.of() : known.paths());
            held.add(paths.get(i));
            byMount.put(mount, new HubStatus.Disk(mount, held, Long.parseLong(m.group(1)), Long.parseLong(m.group(3))));
        }
        return List.copyOf(byMount.values());
    }
}
