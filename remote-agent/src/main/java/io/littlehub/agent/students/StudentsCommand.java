package io.littlehub.agent.students;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.agent.ConfigApply;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.students.UnixNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code students}: everyone on the roster or known to the hub — admin, last activity, server running, home size —
 * as a table, or {@code --json} (one array) for scripts.
 */
@Command(name = "students", description = "List students and admins: admin, last activity, server, home size.")
public final class StudentsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "a JSON array, for scripts")
    boolean json;

    public record Row(
            String name,
            String unix_user,
            boolean admin,
            boolean on_roster,
            boolean banned,
            String email,
            boolean server_running,
            String last_activity,
            long home_bytes) {}

    @Override
    public Integer call() throws Exception {
        Roster roster = Roster.of(ConfigApply.onThisMachine(null).current());
        Map<String, JsonNode> hubUsers = new TreeMap<>();
        for (JsonNode u : HubApi.onThisMachine(roster.baseUrl()).users()) {
            hubUsers.put(u.path("name").asText(), u);
        }
        TreeMap<String, Boolean> names = new TreeMap<>();
        roster.everyone().forEach(n -> names.put(n, true));
        hubUsers.keySet().forEach(n -> names.putIfAbsent(n, false));
        roster.banned().forEach(n -> names.putIfAbsent(n, false));
        Map<String, Long> homeBytes = new Homes(new LocalMachine()).sizes(names.keySet());
        List<Row> rows = new ArrayList<>();
        names.forEach((name, listed) -> {
            JsonNode u = hubUsers.get(name);
            boolean running =
                    u != null && u.path("servers").path("").path("ready").asBoolean(false);
            String last = u == null || u.path("last_activity").isNull()
                    ? null
                    : u.path("last_activity").asText(null);
            boolean admin = roster.admins().contains(name)
                    || u != null && u.path("admin").asBoolean(false);
            Object email = roster.emails().get(name);
            rows.add(new Row(
                    name,
                    UnixNames.unixName(name),
                    admin,
                    listed,
                    roster.banned().contains(name),
                    email == null ? null : email.toString(),
                    running,
                    last,
                    homeBytes.get(name)));
        });
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(rows));
        } else {
            print(rows);
        }
        return ExitCodes.OK;
    }

    private static void print(List<Row> rows) {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"NAME", "ADMIN", "SERVER", "LAST ACTIVITY", "HOME", "ROSTER"});
        for (Row r : rows) {
            table.add(new String[] {
                r.name(),
                r.admin() ? "yes" : "",
                r.server_running() ? "running" : "-",
                r.last_activity() == null
                        ? "never"
                        : r.last_activity()
                                .replace('T', ' ')
                                .replaceAll("\\.\\d+", "")
                                .replace("Z", " UTC"),
                r.home_bytes() < 0 ? "-" : human(r.home_bytes()),
                r.on_roster() ? "yes" : r.banned() ? "banned" : "no"
            });
        }
        int[] width = new int[table.get(0).length];
        table.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        });
        for (String[] row : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + (width[i] + 2) + "s", row[i]));
            }
            System.out.println(line.toString().stripTrailing());
        }
        long admins = rows.stream().filter(Row::admin).count();
        long running = rows.stream().filter(Row::server_running).count();
        System.out.println(rows.size() + " users, " + admins + " admins, " + running + " servers running");
    }

    static String human(long bytes) {
        String[] units = {"B", "K", "M", "G", "T"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + "B" : String.format(java.util.Locale.ROOT, "%.1f%s", v, units[u]);
    }
}
