package io.littlehub.cli.hubconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.transport.ScriptedPrompter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `littlehub config edit`'s loop with a scripted editor and scripted answers: no VM. */
class EditLoopTest {
    private static final String ORIGINAL = "# our class\nusers:\n  admin: [teacher]\n";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private EditLoop.Decision edit(ScriptedPrompter prompter, boolean yes, String... rounds) throws Exception {
        EditLoop loop = new EditLoop(
                FakeEditor.editor(FakeEditor.write(dir, rounds)),
                prompter,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return loop.run(dir.resolve("config.yaml"), ORIGINAL, "hub:/etc/littlehub/config.yaml", yes);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTypoReopensTheFileWithTheProblemOnTopThenTheFixIsShownAndApplied() throws Exception {
        ScriptedPrompter yes = new ScriptedPrompter().yes(true);
        EditLoop.Decision d = edit(
                yes, false, "printf 'limits:\\n  memroy: 2G\\n' >> \"$1\"", "sed -i 's/  memroy:/  memory:/' \"$1\"");

        assertEquals(EditLoop.Kind.APPLY, d.kind());
        assertEquals(ORIGINAL + "limits:\n  memory: 2G\n", d.text());
        assertEquals(2, FakeEditor.rounds(dir));
        assertEquals(ORIGINAL, FakeEditor.seen(dir, 1), "the first round shows the hub's config as it is");
        List<String> second = FakeEditor.seen(dir, 2).lines().toList();
        assertTrue(second.get(0).startsWith("# ERROR littlehub refused this config (1 problem)"), second.get(0));
        // Line 5 of the config is line 7 of the reopened file, under the two # ERROR lines.
        assertEquals("# ERROR line 7: limits.memroy: unknown key; did you mean limits.memory?", second.get(1));
        assertEquals("  memroy: 2G", second.get(6));
        assertEquals(ORIGINAL + "limits:\n  memroy: 2G\n", String.join("\n", second.subList(2, second.size())) + "\n");
        assertTrue(
                err().contains("config.yaml: line 5: limits.memroy: unknown key; did you mean limits.memory?"), err());
        assertTrue(err().contains("The config has 1 problem: opening it again"), err());
        assertEquals(d.text(), Files.readString(dir.resolve("config.yaml")), "the file to upload has no # ERROR lines");
        assertTrue(out().contains("+limits:\n+  memory: 2G\n"), out());
        assertTrue(
                out().startsWith(
                                "--- hub:/etc/littlehub/config.yaml (before)\n+++ hub:/etc/littlehub/config.yaml (after)\n"),
                out());
        assertEquals(List.of("Apply this config to the hub?"), yes.asked);
    }

    @Test
    void savingTheSameTextIsNoChange() throws Exception {
        EditLoop.Decision d = edit(new ScriptedPrompter(), false);
        assertEquals(EditLoop.Kind.UNCHANGED, d.kind());
        assertEquals("No changes.\n", out());
    }

    @Test
    void fixingBackToTheOriginalIsNoChangeToo() throws Exception {
        EditLoop.Decision d =
                edit(new ScriptedPrompter(), false, "printf 'colour: blue\\n' >> \"$1\"", "sed -i '/^colour/d' \"$1\"");
        assertEquals(EditLoop.Kind.UNCHANGED, d.kind());
    }

    @Test
    void anEditorThatFailsCancels() throws Exception {
        EditLoop.Decision d = edit(new ScriptedPrompter(), false, "echo 'users: {}' > \"$1\"; exit 3");
        assertEquals(EditLoop.Kind.CANCELLED, d.kind());
        assertNull(d.text());
        assertTrue(err().contains("The editor exited with code 3: nothing applied."), err());
    }

    @Test
    void quittingWithoutSavingWhileProblemsAreShownCancels() throws Exception {
        EditLoop.Decision d = edit(new ScriptedPrompter(), false, "printf 'limits: {cpu: 0}\\n' >> \"$1\"", ":");
        assertEquals(EditLoop.Kind.CANCELLED, d.kind());
        assertEquals(2, FakeEditor.rounds(dir));
        assertTrue(err().contains("Quit without fixing the problems: nothing applied."), err());
    }

    @Test
    void anEmptyFileCancels() throws Exception {
        EditLoop.Decision d = edit(new ScriptedPrompter(), false, ": > \"$1\"");
        assertEquals(EditLoop.Kind.CANCELLED, d.kind());
        assertTrue(err().contains("The file is empty: nothing applied."), err());
    }

    @Test
    void emptyingTheFileWhileProblemsAreShownCancelsToo() throws Exception {
        EditLoop.Decision d = edit(new ScriptedPrompter(), false, "printf 'colour: blue\\n' >> \"$1\"", ": > \"$1\"");
        assertEquals(EditLoop.Kind.CANCELLED, d.kind());
    }

    @Test
    void answeringNoAppliesNothing() throws Exception {
        ScriptedPrompter no = new ScriptedPrompter().yes(false);
        EditLoop.Decision d = edit(no, false, "printf 'limits: {cpu: 2}\\n' >> \"$1\"");
        assertEquals(EditLoop.Kind.CANCELLED, d.kind());
        assertEquals(1, no.asked.size());
        assertTrue(out().contains("+limits: {cpu: 2}"), "the diff was shown before asking: " + out());
    }

    @Test
    void yesAppliesWithoutAsking() throws Exception {
        EditLoop.Decision d = edit(new ScriptedPrompter(), true, "printf 'limits: {cpu: 2}\\n' >> \"$1\"");
        assertEquals(EditLoop.Kind.APPLY, d.kind());
    }

    @Test
    void withNobodyToAskAndNoYesNothingIsApplied() throws Exception {
        EditLoop.Decision d = edit(ScriptedPrompter.nobody(), false, "printf 'limits: {cpu: 2}\\n' >> \"$1\"");
        assertEquals(EditLoop.Kind.CANCELLED, d.kind());
        assertTrue(err().contains("run with --yes".replace("run", "Run")), err());
    }

    @Test
    void errorCommentsAreOnlyTheLeadingBlock() {
        String text = "a: 1\n# ERROR is my own comment\n";
        String withProblems =
                ErrorComments.add(text, List.of(new io.littlehub.common.config.ConfigProblem("a", 1, "bad\nvalue")));
        assertEquals(
                "# ERROR line 3: a: bad value", withProblems.lines().toList().get(1));
        assertEquals(text, ErrorComments.strip(withProblems));
        assertEquals(text, ErrorComments.strip(text));
        assertEquals("", ErrorComments.strip("# ERROR x"));
    }

    @Test
    void theEditorIsVisualThenEditorThenNanoThenVi() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String name : List.of("nano", "vi")) {
            Files.writeString(bin.resolve(name), "#!/bin/sh\n");
            Files.setPosixFilePermissions(bin.resolve(name), PosixFilePermissions.fromString("rwx------"));
        }
        assertEquals(
                List.of("code", "--wait"),
                ExternalEditor.fromEnvironment(Map.of("VISUAL", "code --wait", "EDITOR", "vim"))
                        .command());
        assertEquals(
                List.of("vim"),
                ExternalEditor.fromEnvironment(Map.of("VISUAL", " ", "EDITOR", "vim"))
                        .command());
        assertEquals(
                List.of(bin.resolve("nano").toString()),
                ExternalEditor.fromEnvironment(Map.of("PATH", "/nonexistent:" + bin))
                        .command());
        Files.delete(bin.resolve("nano"));
        assertEquals(
                List.of(bin.resolve("vi").toString()),
                ExternalEditor.fromEnvironment(Map.of("PATH", bin.toString())).command());
        IllegalStateException none = assertThrows(
                IllegalStateException.class, () -> ExternalEditor.fromEnvironment(Map.of("PATH", "/nonexistent")));
        assertTrue(none.getMessage().contains("set $EDITOR"), none.getMessage());
        assertFalse(none.getMessage().isEmpty());
    }

    @Test
    void theDiffShowsWhereAChangeSits() throws Exception {
        edit(new ScriptedPrompter(), true, "sed -i 's/\\[teacher\\]/[teacher, ta]/' \"$1\"");
        String hunk = "@@ -1,3 +1,3 @@\n # our class\n users:\n-  admin: [teacher]\n+  admin: [teacher, ta]\n";
        assertTrue(out().contains(hunk), "the changed line under its section: " + out());
    }

    @Test
    void aChangeOfOnlyASecretIsNotShown() throws Exception {
        String original = "auth:\n  type: shared-password\n  user_password: old-pass-123\n";
        Path editor = FakeEditor.write(dir, "sed -i 's/old-pass-123/new-pass-456/' \"$1\"");
        EditLoop loop = new EditLoop(
                FakeEditor.editor(editor),
                new ScriptedPrompter(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        EditLoop.Decision d = loop.run(dir.resolve("config.yaml"), original, "hub:/etc/littlehub/config.yaml", true);
        assertEquals(EditLoop.Kind.APPLY, d.kind());
        assertEquals("(only secret values changed: not shown)\n", out());
    }
}
