package io.littlehub.agent.students;

import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import io.littlehub.common.students.UnixNames;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Students' unix users and homes: where a home is, how big, and archiving or deleting it when a student leaves. */
public final class Homes {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Machine machine;

    public Homes(Machine machine) {
        this.machine = machine;
    }

    /** The home of the student's unix user, when that user exists (it is made at their first server start). */
    public Optional<String> home(String hubName) {
        CommandResult r = machine.run(List.of("getent", "passwd", UnixNames.unixName(hubName)));
        if (!r.ok()) {
            return Optional.empty();
        }
        String[] fields = r.stdout().strip().split(":");
        return fields.length >= 6 ? Optional.of(fields[5]) : Optional.empty();
    }

    /**
     * Bytes under each student's home, by hub name; -1 when there is none (no unix user yet, or no home). Two programs
     * for the whole class ({@code getent passwd} and {@code du -sb} given every name and home), not two per student:
     * for a class of 30, 60 process starts were most of {@code students}' time. Both print what they found and exit
     * non-zero for what they did not, so their exit codes are not read.
     */
    public Map<String, Long> sizes(Collection<String> hubNames) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        hubNames.forEach(n -> sizes.put(n, -1L));
        if (hubNames.isEmpty()) {
            return sizes; // getent passwd without a name lists every user
        }
        Map<String, String> unixToHub = new HashMap<>();
        hubNames.forEach(n -> unixToHub.put(UnixNames.unixName(n), n));
        List<String> getent = new ArrayList<>(List.of("getent", "passwd"));
        getent.addAll(unixToHub.keySet().stream().sorted().toList());
        Map<String, String> homeToHub = new HashMap<>();
        machine.run(getent).stdout().lines().forEach(line -> {
            String[] fields = line.split(":");
            if (fields.length >= 6 && unixToHub.containsKey(fields[0]) && !fields[5].isEmpty()) {
                homeToHub.put(fields[5], unixToHub.get(fields[0]));
            }
        });
        if (homeToHub.isEmpty()) {
            return sizes;
        }
        List<String> du = new ArrayList<>(List.of("du", "-sb", "--"));
        du.addAll(homeToHub.keySet().stream().sorted().toList());
        machine.run(du).stdout().lines().forEach(line -> {
            int tab = line.indexOf('\t');
            String hubName = tab < 0 ? null : homeToHub.get(line.substring(tab + 1));
            if (hubName != null) {
                sizes.put(hubName, Long.parseLong(line.substring(0, tab)));
            }
        });
        return sizes;
    }

    /** A root-only tarball of the home in {@link Layout#ARCHIVE_DIR}; its path. */
    public String archive(String hubName, String home) {
        machine.makeDirectory(Layout.ARCHIVE_DIR, "root", "root", 0700);
        String tarball = Layout.ARCHIVE_DIR + "/" + UnixNames.unixName(hubName) + "-"
                + LocalDateTime.now().format(STAMP) + ".tar.gz";
        String parent = home.substring(0, home.lastIndexOf('/') + 1);
        String base = home.substring(home.lastIndexOf('/') + 1);
        check(
                machine.run(List.of(
                        "tar",
                        "--create",
                        "--gzip",
                        "--file",
                        tarball,
                        "--directory",
                        parent.isEmpty() ? "/" : parent,
                        "--",
                        base)),
                "archive the home " + home);
        machine.setAttributes(tarball, "root", "root", 0600);
        return tarball;
    }

    /** Removes the unix user, its group and its home. Its server is already stopped; stray processes are killed. */
    public void delete(String hubName) {
        String unix = UnixNames.unixName(hubName);
        machine.run(List.of("pkill", "--signal", "KILL", "--uid", unix));
        check(machine.run(List.of("userdel", "--remove", unix)), "remove the unix user " + unix);
    }

    private static void check(CommandResult r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException(
                    "could not " + what + " (exit " + r.exitCode() + "): " + (r.stderr() + r.stdout()).strip());
        }
    }
}
