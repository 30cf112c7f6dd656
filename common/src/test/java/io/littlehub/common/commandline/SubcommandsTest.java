package io.littlehub.common.commandline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class SubcommandsTest {
    @Command(name = "status")
    static final class Status {}

    @Command(name = "students", aliases = "roster")
    static final class Students {}

    @Command(name = "completion")
    static final class Completion {}

    static final class NotACommand {}

    private static final List<Class<?>> ALL = List.of(Status.class, Students.class, Completion.class);

    private static List<Class<?>> needed(String... args) {
        return Subcommands.needed(ALL, Set.of(Completion.class), args);
    }

    @Test
    void aRunNamingASubcommandFirstGetsOnlyThatOne() {
        assertEquals(List.of(Status.class), needed("status", "--json"));
        assertEquals(List.of(Students.class), needed("students"));
    }

    @Test
    void anAliasNamesItsCommand() {
        assertEquals(List.of(Students.class), needed("roster"));
    }

    @Test
    void everyOtherRunGetsTheWholeTree() {
        assertEquals(ALL, needed());
        assertEquals(ALL, needed("--help"));
        assertEquals(ALL, needed("--version"));
        assertEquals(ALL, needed("statu")); // picocli's "did you mean" needs the names
        assertEquals(ALL, needed("--json", "status")); // only the first argument names a command
    }

    @Test
    void aCommandThatWorksOnTheWholeTreeGetsIt() {
        assertEquals(ALL, needed("completion", "bash"));
    }

    @Test
    void aClassWithoutTheAnnotationIsRefusedByName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Subcommands.needed(List.of(NotACommand.class), Set.of(), new String[] {"x"}));
        assertEquals(NotACommand.class.getName() + " has no @Command annotation", e.getMessage());
    }

    @Command(name = "root")
    static final class Root {}

    @Test
    void addToAddsThemInOrderUnderTheirNames() {
        CommandLine root = Subcommands.addTo(new CommandLine(new Root()), ALL);
        assertEquals(
                List.of("status", "students", "completion"),
                List.copyOf(root.getSubcommands().keySet()).stream()
                        .filter(n -> !n.equals("roster"))
                        .toList());
        assertEquals(
                root.getSubcommands().get("students"), root.getSubcommands().get("roster"));
    }
}
