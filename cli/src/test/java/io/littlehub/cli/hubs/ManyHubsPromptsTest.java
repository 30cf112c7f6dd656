package io.littlehub.cli.hubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.backup.Passphrases;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.passwords.PasswordChoice;
import io.littlehub.cli.transport.Prompter;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.common.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hubs asking at the same moment, as data: a scripted terminal that answers each question by its text and notes
 * who was asking at once. Each hub's questions come as one block, named, and each hub gets its own answers.
 */
class ManyHubsPromptsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** The teacher at the terminal: answers "PASSWORD-OF-<hub>" (the prefix's hub) and keeps the transcript. */
    static final class Terminal implements Prompter {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger asking = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public void info(String message) {
            throw new AssertionError("messages go into the hub's own lines, not to the terminal: " + message);
        }

        @Override
        public boolean confirm(String question) {
            return secret(question) != null;
        }

        @Override
        public char[] secret(String prompt) {
            mostAtOnce.accumulateAndGet(asking.incrementAndGet(), Math::max);
            asked.add(prompt);
            try {
                Thread.sleep(100); // the teacher typing: time for another hub to barge in, if it could
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            asking.decrementAndGet();
            return ("PASSWORD-OF-" + prompt.substring(0, prompt.indexOf(' '))).toCharArray();
        }

        @Override
        public boolean canAsk() {
            return true;
        }
    }

    private ManyHubs runner(Prompter terminal) throws Exception {
        Files.writeString(dir.resolve("hubs.yaml"), """
                hubs:
                  alpha: {host: 127.0.0.1, port: 1, user: t}
                  beta: {host: 127.0.0.1, port: 2, user: t}
                """);
        return new ManyHubs(new ConfigContext(
                new HubRegistry(dir),
                SshOptions.defaults().withHome(dir).withAgentSocket(null),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal,
                Map.of("USER", "teacher")));
    }

    @Test
    void twoHubsAskingAtOnceAskOneAfterTheOtherAndEachGetsItsOwnAnswer() throws Exception {
        Terminal terminal = new Terminal();
        CyclicBarrier together = new CyclicBarrier(2);
        int exit = runner(terminal).run(new ManyHubs.Plan("all", 2, Rollout.ALL_AT_ONCE, false), (ctx, hub) -> {
            assertSame(ctx.prompter(), ctx.ssh().prompter(), "host keys, passphrases and sudo ask the same way");
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            // The real prompt site: a password typed twice (one dialogue), a note between the tries.
            PasswordChoice.Chosen chosen = PasswordChoice.of(null, "--password-file", null, 8)
                    .askingThrough(ctx.prompter())
                    .choose("ada");
            ctx.out().println("ada's password here: " + chosen.password() + " (" + chosen.source() + ")");
            return ExitCodes.OK;
        });
        assertEquals(ExitCodes.OK, exit);
        assertEquals(1, terminal.mostAtOnce.get(), "never two questions on the terminal at once");
        List<String> asked = List.copyOf(terminal.asked);
        String first = asked.get(0).startsWith("alpha") ? "alpha" : "beta ";
        String second = first.equals("alpha") ? "beta " : "alpha";
        assertEquals(
                List.of(
                        first.strip() + " | Password for admin ada (empty: make one up): ",
                        first.strip() + " | Again: ",
                        second.strip() + " | Password for admin ada (empty: make one up): ",
                        second.strip() + " | Again: "),
                asked,
                "each hub's dialogue in one block, named");
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("alpha | ada's password here: PASSWORD-OF-alpha (typed)\n"), said);
        assertTrue(said.contains("beta  | ada's password here: PASSWORD-OF-beta (typed)\n"), said);
    }

    @Test
    void aHubsMessagesGoIntoItsOwnLines() throws Exception {
        runner(new Terminal()).run(new ManyHubs.Plan("beta", 1, Rollout.ALL_AT_ONCE, false), (ctx, hub) -> {
            ctx.ssh().prompter().info("The authenticity of host '127.0.0.1' can't be established.\nED25519 ...");
            return ExitCodes.OK;
        });
        assertEquals(
                "beta | The authenticity of host '127.0.0.1' can't be established.\nbeta | ED25519 ...\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutATerminalEachHubFailsAtOnceNamingTheOptionThatNeedsNone() throws Exception {
        ScriptedPrompter nobody = ScriptedPrompter.nobody();
        int exit = runner(nobody).run(new ManyHubs.Plan("all", 2, Rollout.ALL_AT_ONCE, false), (ctx, hub) -> {
            Passphrases.get(null, ctx.prompter(), true, "give --passphrase-file FILE");
            return ExitCodes.OK;
        });
        assertEquals(ExitCodes.USAGE, exit);
        String said = err.toString(StandardCharsets.UTF_8);
        for (String hub : List.of("alpha", "beta ")) {
            assertTrue(
                    said.contains(hub + " | littlehub: no passphrase for the hub's secrets and no terminal to ask for"
                            + " it: give --passphrase-file FILE\n"),
                    said);
        }
        assertTrue(nobody.asked.isEmpty(), "nothing was asked");
    }
}
