package io.littlehub.agent.students;

import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import io.littlehub.common.students.UnixNames;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

    /** Bytes under the home, or -1 when there is none. */
    public long size(String hubName) {
        return home(hubName)
                .map(home -> {
                    CommandResult r = machine.run(List.of("du", "-sb", "--", home));
                    return r.ok() ? Long.parseLong(r.stdout().strip().split("\\s+")[0]) : -1L;
                })
                .orElse(-1L);
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
