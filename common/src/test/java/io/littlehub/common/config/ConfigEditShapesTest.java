package io.littlehub.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each edit on each shape of YAML it meets: the exact text out, for text in. */
class ConfigEditShapesTest {
    private static final List<String> USERS_ADMIN = List.of("users", "admin");
    private static final List<String> EMAILS = List.of("users", "emails");

    static Stream<Arguments> emptied() {
        return Stream.of(
                edit(
                        "the only key of nested flow groups",
                        "services: {cull: {timeout: 1800}}\n",
                        t -> ConfigEdit.unset(t, "services.cull.timeout"),
                        ""),
                edit(
                        "the only key of nested block groups, a section after it",
                        "services:\n  cull:\n    timeout: 1800\nlimits:\n  memory: 1G\n",
                        t -> ConfigEdit.unset(t, "services.cull.timeout"),
                        "limits:\n  memory: 1G\n"),
                edit(
                        "the last item of a list beside another key",
                        "users:\n  allowed: [ada]\n  admin: [teacher]\n",
                        t -> ConfigEdit.removeItem(t, "users.allowed", "ada"),
                        "users:\n  admin: [teacher]\n"),
                edit(
                        "the last item of the only list",
                        "users:\n  allowed:\n  - ada\n",
                        t -> ConfigEdit.removeItem(t, "users.allowed", "ada"),
                        ""),
                edit(
                        "the last item of a list in a flow group",
                        "users: {allowed: [ada], admin: [t]}\n",
                        t -> ConfigEdit.removeItem(t, "users.allowed", "ada"),
                        "users: {admin: [t]}\n"),
                edit(
                        "the first key of a flow group",
                        "limits: {memory: 1G, cpu: 2}\n",
                        t -> ConfigEdit.unset(t, "limits.memory"),
                        "limits: {cpu: 2}\n"),
                edit(
                        "the last key of a flow group",
                        "limits: {memory: 1G, cpu: 2}\n",
                        t -> ConfigEdit.unset(t, "limits.cpu"),
                        "limits: {memory: 1G}\n"),
                edit(
                        "the middle item of a flow list",
                        "users:\n  allowed: [ada, bob, carol]\n",
                        t -> ConfigEdit.removeItem(t, "users.allowed", "bob"),
                        "users:\n  allowed: [ada, carol]\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptied")
    void anEmptiedGroupOrListGoesWithItsParents(String what, String before, UnaryOperator<String> edit, String after) {
        String result = edit.apply(before);
        assertEquals(after, result);
        assertFalse(result.contains("{}") || result.contains("[]"), result);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                edit(
                        "a key with no value yet",
                        "limits:\n",
                        t -> ConfigEdit.set(t, "limits.memory", "2G"),
                        "limits:\n  memory: 2G\n"),
                edit(
                        "a key with ~ and a comment",
                        "limits: ~  # none yet\n",
                        t -> ConfigEdit.set(t, "limits.memory", "2G"),
                        "limits:  # none yet\n  memory: 2G\n"),
                edit(
                        "a flow group",
                        "limits: {memory: 1G}\n",
                        t -> ConfigEdit.set(t, "limits.cpu", "2"),
                        "limits: {memory: 1G, cpu: 2}\n"),
                edit(
                        "an empty flow group",
                        "limits: {}\n",
                        t -> ConfigEdit.set(t, "limits.cpu", "2"),
                        "limits: {cpu: 2}\n"),
                edit(
                        "an empty flow list",
                        "users:\n  admin: []\n",
                        t -> ConfigEdit.addItem(t, "users.admin", "ada"),
                        "users:\n  admin: [ada]\n"),
                edit(
                        "Windows line ends",
                        "limits:\r\n  memory: 1G\r\n",
                        t -> ConfigEdit.set(t, "limits.cpu", "2"),
                        "limits:\r\n  memory: 1G\r\n  cpu: 2\r\n"),
                edit(
                        "no line end at the end",
                        "limits:\n  memory: 1G",
                        t -> ConfigEdit.set(t, "limits.cpu", "2"),
                        "limits:\n  memory: 1G\n  cpu: 2\n"),
                edit(
                        "a file indented by 4",
                        "limits:\n    memory: 1G\n",
                        t -> ConfigEdit.set(t, "services.cull.timeout", "600"),
                        "limits:\n    memory: 1G\nservices:\n    cull:\n        timeout: 600\n"),
                edit(
                        "characters beyond 16 bits before the value",
                        "# 😀 class\nlimits:\n  memory: 1G  # 🙂\n",
                        t -> ConfigEdit.set(t, "limits.memory", "2G"),
                        "# 😀 class\nlimits:\n  memory: 2G  # 🙂\n"),
                edit(
                        "a block list replaced by set",
                        "users:\n  admin:\n  - a\n  - b\nauth:\n  type: firstuse\n",
                        t -> ConfigEdit.set(t, "users.admin", "[c]"),
                        "users:\n  admin:\n  - c\nauth:\n  type: firstuse\n"),
                edit(
                        "a block group replaced by a value",
                        "limits:\n  memory: 1G\nauth:\n  type: firstuse\n",
                        t -> ConfigEdit.set(t, "limits", "x"),
                        "limits: x\nauth:\n  type: firstuse\n"),
                edit(
                        "a key after a block scalar",
                        "auth:\n  note: |\n    hi\n\nlimits:\n  memory: 1G\n",
                        t -> ConfigEdit.set(t, "auth.type", "firstuse"),
                        "auth:\n  note: |\n    hi\n  type: firstuse\n\nlimits:\n  memory: 1G\n"),
                edit(
                        "the same value, written otherwise: the text stays",
                        "limits: {memory: \"1G\"}  # as is\n",
                        t -> ConfigEdit.set(t, "limits.memory", "1G"),
                        "limits: {memory: \"1G\"}  # as is\n"),
                edit(
                        "an item already there: the text stays",
                        "users:\n  admin: ['ada']\n",
                        t -> ConfigEdit.addItem(t, "users.admin", "ada"),
                        "users:\n  admin: ['ada']\n"),
                edit(
                        "a comment-only file",
                        "# yaml-language-server: $schema=x.json\n# defaults\n",
                        t -> ConfigEdit.set(t, "limits.memory", "2G"),
                        "# yaml-language-server: $schema=x.json\n# defaults\nlimits:\n  memory: 2G\n"),
                edit(
                        "a name YAML would read otherwise stays text",
                        "",
                        t -> ConfigEdit.withItems(t, USERS_ADMIN, List.of("yes")),
                        "users:\n  admin:\n  - 'yes'\n"),
                edit(
                        "null, a new key",
                        "limits:\n  cpu: 1\n",
                        t -> ConfigEdit.set(t, "limits.memory", "null"),
                        "limits:\n  cpu: 1\n  memory: null\n"),
                edit(
                        "null, a new section",
                        "",
                        t -> ConfigEdit.set(t, "limits.memory", "~"),
                        "limits:\n  memory: null\n"),
                edit(
                        "several items into a flow list, one already there",
                        "users:\n  admin: [ada]  # teachers\n",
                        t -> ConfigEdit.withItems(t, USERS_ADMIN, List.of("bob", "ada", "carol")),
                        "users:\n  admin: [ada, bob, carol]  # teachers\n"),
                edit(
                        "several items out of a flow list",
                        "users:\n  admin: [a, 'b', c, d]\n",
                        t -> ConfigEdit.withoutItems(t, USERS_ADMIN, List.of("b", "d")),
                        "users:\n  admin: [a, c]\n"),
                edit(
                        "several items out of a block list",
                        "users:\n  admin:\n  - a  # one\n  - b\n  - c\n  - d\n",
                        t -> ConfigEdit.withoutItems(t, USERS_ADMIN, List.of("a", "c", "x")),
                        "users:\n  admin:\n  - b\n  - d\n"),
                edit(
                        "new emails in one go, a changed one in place",
                        "users:\n  emails:\n    ada: old@x.org  # hers\n",
                        t -> ConfigEdit.withEntries(t, EMAILS, Map.of("ada", "new@x.org")),
                        "users:\n  emails:\n    ada: new@x.org  # hers\n"),
                edit(
                        "emails for a group that is not there yet",
                        "users:\n  admin: [t]\n",
                        t -> ConfigEdit.withEntries(t, EMAILS, new TreeMap<>(Map.of("a", "a@x.org", "b", "b@x.org"))),
                        "users:\n  admin: [t]\n  emails:\n    a: a@x.org\n    b: b@x.org\n"),
                edit(
                        "several emails out of a flow group",
                        "users:\n  emails: {a: a@x.org, b: b@x.org, c: c@x.org}\n",
                        t -> ConfigEdit.withoutEntries(t, EMAILS, List.of("a", "c")),
                        "users:\n  emails: {b: b@x.org}\n"),
                edit(
                        "several emails out of a block group",
                        "users:\n  emails:\n    a: a@x.org\n    b: b@x.org\n    c: c\n",
                        t -> ConfigEdit.withoutEntries(t, EMAILS, List.of("c", "a")),
                        "users:\n  emails:\n    b: b@x.org\n"),
                edit(
                        "every email out: the group goes",
                        "users:\n  admin: [t]\n  emails: {a: a@x.org}\n",
                        t -> ConfigEdit.withoutEntries(t, EMAILS, List.of("a")),
                        "users:\n  admin: [t]\n"),
                edit(
                        "a key holding dots",
                        "users:\n  emails: {ada: a@x.org}\n",
                        t -> ConfigEdit.put(t, List.of("users", "emails", "ada.l@x.org"), "al@x.org"),
                        "users:\n  emails: {ada: a@x.org, ada.l@x.org: al@x.org}\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void editsFitTheTextAroundThem(String what, String before, UnaryOperator<String> edit, String after) {
        assertEquals(after, edit.apply(before));
    }

    static Arguments edit(String what, String before, UnaryOperator<String> edit, String after) {
        return Arguments.of(what, before, edit, after);
    }
}
