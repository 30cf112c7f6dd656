package io.littlehub.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every editing command on a commented config (the schema modeline, comments above and beside values, blank lines,
 * flow and indented block lists): the result is the file with exactly the edited lines changed, and still valid.
 */
class ConfigEditCommentsTest {
    static final String FILE = read("src/test/resources/config-edit/commented-class.yaml");

    static Stream<Arguments> edits() {
        return Stream.of(
                edit(
                        "set a value: its end-of-line comment stays where it was",
                        t -> ConfigEdit.set(t, "limits.memory", "2G"),
                        "  memory: 1G     # RAM\n",
                        "  memory: 2G     # RAM\n"),
                edit(
                        "set a new key: it joins its section, after the last key",
                        t -> ConfigEdit.set(t, "limits.tasks", "256"),
                        "  cpu: 0.5       # half a core\n",
                        "  cpu: 0.5       # half a core\n  tasks: 256\n"),
                edit(
                        "set a new key before a section's trailing comment",
                        t -> ConfigEdit.set(t, "services.cull.every", "600"),
                        "    timeout: 1800   # 30 minutes\n",
                        "    timeout: 1800   # 30 minutes\n    every: 600\n"),
                edit(
                        "set a new section: at the end, after the last section's own comments",
                        t -> ConfigEdit.set(t, "user_environment.default_app", "notebook"),
                        "    # every: 300 (the default is fine)\n",
                        "    # every: 300 (the default is fine)\nuser_environment:\n  default_app: notebook\n"),
                edit(
                        "unset a key: its line goes, the rest stays",
                        t -> ConfigEdit.unset(t, "limits.cpu"),
                        "  cpu: 0.5       # half a core\n",
                        ""),
                edit(
                        "unset the only key of a section: the section goes too",
                        t -> ConfigEdit.unset(t, "services.cull.timeout"),
                        "services:\n  cull:\n    timeout: 1800   # 30 minutes\n",
                        ""),
                edit(
                        "add-item to a flow list",
                        t -> ConfigEdit.addItem(t, "users.admin", "ta-sam"),
                        "  admin: [teacher]          # the teachers\n",
                        "  admin: [teacher, ta-sam]          # the teachers\n"),
                edit(
                        "add-item to an indented block list",
                        t -> ConfigEdit.addItem(t, "users.allowed", "carol"),
                        "    - bob\n",
                        "    - bob\n    - carol\n"),
                edit(
                        "remove-item from a block list",
                        t -> ConfigEdit.removeItem(t, "users.allowed", "ada"),
                        "    - ada                   # a block list, indented under its key\n",
                        ""),
                edit(
                        "remove-item of a list's last item: the key goes",
                        t -> ConfigEdit.removeItem(t, "users.admin", "teacher"),
                        "  admin: [teacher]          # the teachers\n",
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void onlyTheEditedLinesChange(String what, UnaryOperator<String> command, String lines, String becomes) {
        String expected = FILE.replace(lines, becomes);
        assertEquals(FILE.indexOf(lines), FILE.lastIndexOf(lines), "the fixture has those lines once");
        String after = command.apply(FILE);
        assertEquals(expected, after);
        assertEquals(List.of(), new ConfigValidator().validate(after));
    }

    static Arguments edit(String what, UnaryOperator<String> command, String lines, String becomes) {
        return Arguments.of(what, command, lines, becomes);
    }

    static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
