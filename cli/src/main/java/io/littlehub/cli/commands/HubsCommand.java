package io.littlehub.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.hubs.HubProbe;
import io.littlehub.cli.hubs.Inventory;
import io.littlehub.cli.hubs.ManyHubs;
import io.littlehub.cli.hubs.Selection;
import io.littlehub.common.ExitCodes;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code littlehub hubs}: the inventory's hubs, and whether each answers, its release and HTTPS. */
@Command(
        name = "hubs",
        mixinStandardHelpOptions = true,
        description = {
            "List the hubs this laptop knows (the inventory, ~/.config/littlehub/hubs.yaml, or -i FILE): name, SSH"
                    + " address, groups and labels, and, asked of each hub at once, whether it answers, its littlehub"
                    + " release and HTTPS.",
            "Exit code 3 when a hub does not answer."
        })
@ExitsWith({ExitCodes.OK, ExitCodes.USAGE, ExitCodes.UNREACHABLE})
public final class HubsCommand implements Callable<Integer> {
    @Mixin
    InventoryOption inventory;

    @Mixin
    HubSelection selection;

    @Option(names = "--offline", description = "only the inventory: ask no hub")
    boolean offline;

    @Option(names = "--json", description = "one JSON object per hub, for scripts")
    boolean json;

    private final Supplier<ConfigContext> context;

    public HubsCommand() {
        this(ConfigContext::fromEnvironment);
    }

    public HubsCommand(Supplier<ConfigContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ConfigContext ctx = inventory.context(context.get());
        Inventory inventory = ctx.registry().read();
        if (inventory.hubs().isEmpty()) {
            ctx.err()
                    .println(
                            "no hub in " + ctx.registry().file()
                                    + " yet: `littlehub provision USER@HOST` adds one, or write it there (see its first lines)");
            return ExitCodes.OK;
        }
        List<Hub> hubs = selection.hubs == null
                ? List.copyOf(inventory.hubs().values())
                : Selection.select(inventory, selection.hubs).stream()
                        .map(inventory.hubs()::get)
                        .toList();
        int forks = selection.forks == null ? ManyHubs.DEFAULT_FORKS : selection.forks;
        List<HubProbe.Probe> probes = offline
                ? hubs.stream()
                        .map(h -> new HubProbe.Probe(h, false, null, null, "not asked"))
                        .toList()
                : HubProbe.all(ctx, hubs, forks);
        if (json) {
            probes.forEach(p -> ctx.out().println(json(p, inventory.current())));
        } else {
            table(probes, inventory.current(), offline, ctx.out());
        }
        boolean allAnswered = offline || probes.stream().allMatch(HubProbe.Probe::reachable);
        return allAnswered ? ExitCodes.OK : ExitCodes.UNREACHABLE;
    }

    private static String json(HubProbe.Probe p, String current) {
        ObjectMapper m = new ObjectMapper();
        Hub h = p.hub();
        ObjectNode o = m.createObjectNode()
                .put("hub", h.name())
                .put("current", h.name().equals(current))
                .put("host", h.host())
                .put("port", h.port())
                .put("user", h.user())
                .put("url", h.url())
                .put("reachable", p.reachable())
                .put("release", p.release())
                .put("https", p.https())
                .put("problem", p.problem());
        o.set("groups", m.valueToTree(h.groups()));
        o.set("labels", m.valueToTree(h.labels()));
        return o.toString();
    }

    private static void table(List<HubProbe.Probe> probes, String current, boolean offline, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(
                offline
                        ? List.of("hub", "address", "groups", "labels")
                        : List.of("hub", "address", "groups", "labels", "answers", "release", "https"));
        for (HubProbe.Probe p : probes) {
            Hub h = p.hub();
            List<String> row = new ArrayList<>(List.of(
                    (h.name().equals(current) ? "* " : "  ") + h.name(),
                    (h.user() == null ? "" : h.user() + "@") + h.address(),
                    h.groups().isEmpty() ? "-" : String.join(",", h.groups()),
                    labels(h.labels())));
            if (!offline) {
                row.add(p.reachable() ? "yes" : "no");
                row.add(p.release() == null ? "-" : p.release());
                row.add(p.https() == null ? "-" : p.https());
            }
            rows.add(row);
        }
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        for (List<String> r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                b.append(i == r.size() - 1 ? r.get(i) : String.format("%-" + (widths[i] + 2) + "s", r.get(i)));
            }
            out.println(b.toString().stripTrailing());
        }
        probes.stream()
                .filter(p -> !p.reachable() && !offline)
                .forEach(p -> out.println(p.hub().name() + ": " + p.problem()));
        out.println("* the current hub (commands without --hub act on it)");
    }

    private static String labels(Map<String, String> labels) {
        return labels.isEmpty()
                ? "-"
                : labels.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(","));
    }
}
