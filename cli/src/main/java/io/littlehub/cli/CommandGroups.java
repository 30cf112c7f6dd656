package io.littlehub.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/** {@code littlehub --help} lists the commands in the order a teacher meets them, in groups, instead of one flat list. */
public final class CommandGroups implements CommandLine.IHelpSectionRenderer {
    record Group(String title, List<String> commands) {}

    static final List<Group> GROUPS = List.of(
            new Group("Getting started", List.of("try", "size", "cloud-init", "provision", "completion")),
            new Group(
                    "The class",
                    List.of(
                            "students",
                            "add-student",
                            "remove-student",
                            "add-admin",
                            "remove-admin",
                            "reset-password",
                            "class",
                            "course",
                            "link",
                            "env")),
            new Group(
                    "The hub",
                    List.of("config", "status", "hubs", "doctor", "rehearse", "logs", "ssh", "upgrade", "rollback")),
            new Group("Safety", List.of("backup", "restore", "export")));

    /** Replaces {@code command}'s flat command list with the groups. */
    public static void addTo(CommandLine command) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = command.getHelpSectionMap();
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandGroups());
    }

    @Override
    public String render(Help help) {
        Map<String, Help> all = help.subcommands();
        List<String> unlisted = new ArrayList<>(all.keySet());
        // One name column for all groups, as wide as the longest name, so the descriptions line up.
        int names = all.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        int width = help.commandSpec().usageMessage().width();
        StringBuilder text = new StringBuilder();
        for (Group group : GROUPS) {
            Help.TextTable table = Help.TextTable.forColumns(
                    help.colorScheme(),
                    new Help.Column(names, 2, Help.Column.Overflow.SPAN),
                    new Help.Column(width - names, 2, Help.Column.Overflow.WRAP));
            for (String name : group.commands()) {
                Help command = all.get(name);
                if (command == null) {
                    throw new IllegalStateException("help group " + group.title() + " names no command " + name);
                }
                String[] description = command.commandSpec().usageMessage().description();
                table.addRowValues(
                        help.colorScheme().commandText(name),
                        help.colorScheme().text(description.length == 0 ? "" : description[0]));
                unlisted.remove(name);
            }
            text.append(String.format("%n%s:%n", group.title())).append(table);
        }
        if (!unlisted.isEmpty()) {
            throw new IllegalStateException("commands in no help group: " + unlisted);
        }
        return text.toString();
    }
}
