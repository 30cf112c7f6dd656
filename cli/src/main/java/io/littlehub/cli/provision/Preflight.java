package io.littlehub.cli.provision;

import io.littlehub.cli.remote.PreflightCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.SshFailure;
import io.littlehub.common.Facts;
import io.littlehub.common.config.Layout;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provision's first exec ({@link PreflightCommands}): the VM's facts, its Java and its agent's hash in one round
 * trip; when the laptop finds them as it needs ({@code ready}), the same exec goes on to run the agent, so a re-run
 * that changes nothing pays one SSH exec. Until the laptop says go, nothing has changed on the VM: a stall before the
 * findings arrive is retried on a new connection.
 */
final class Preflight {
    /** {@code java -version}'s {@code version "17.0.13"}, or {@code JAVA_VERSION="17.0.13"} in the release file. */
    private static final Pattern JAVA_VERSION =
            Pattern.compile("(?:version |^JAVA_VERSION=)\"(\\d+)", Pattern.MULTILINE);

    /** What the VM said: its facts, its Java's major version (0: none), its agent jar's SHA-256 (empty: none). */
    record Findings(Facts facts, int javaMajor, Optional<String> agentHash) {}

    /** {@code exit}: the agent's exit code when it ran ({@code ran}), else the preflight's. */
    record Outcome(Findings findings, boolean ran, int exit) {}

    private Preflight() {}

    /**
     * @param agentArgv the agent's command to run when {@code ready} says so (empty: never run here)
     * @param ready called once with the findings, before anything changes; true runs {@code agentArgv}
     * @param agentLine each stdout line of the agent, once it runs
     */
    static Outcome run(
            RemoteHost host,
            List<String> agentArgv,
            Predicate<Findings> ready,
            Consumer<String> agentLine,
            Consumer<String> stderrLine) {
        return host.retryingStalls(
                "reading the VM's facts", () -> attempt(host, agentArgv, ready, agentLine, stderrLine));
    }

    /**
     * First as root without a password (root, or sudo -n: the way is found in this same exec); when sudo wants one,
     * nothing ran, and the second try finds the way (asking for it) first.
     */
    private static Outcome attempt(
            RemoteHost host,
            List<String> agentArgv,
            Predicate<Findings> ready,
            Consumer<String> agentLine,
            Consumer<String> stderrLine) {
        return once(host, true, agentArgv, ready, agentLine, stderrLine)
                .orElseGet(() -> once(host, false, agentArgv, ready, agentLine, stderrLine)
                        .orElseThrow());
    }

    private static Optional<Outcome> once(
            RemoteHost host,
            boolean withoutPassword,
            List<String> agentArgv,
            Predicate<Findings> ready,
            Consumer<String> agentLine,
            Consumer<String> stderrLine) {
        PipedOutputStream word = new PipedOutputStream();
        PipedInputStream stdin;
        try {
            stdin = new PipedInputStream(word);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> preamble = new ArrayList<>();
        StringBuilder errors = new StringBuilder();
        Findings[] found = new Findings[1];
        boolean[] go = new boolean[1];
        List<String> argv = PreflightCommands.factsThenAgent(Layout.AGENT_JAR, agentArgv);
        Consumer<String> stdout = line -> {
            if (found[0] != null) {
                agentLine.accept(line);
            } else if (line.equals(PreflightCommands.END)) {
                try {
                    found[0] = parse(preamble);
                    go[0] = !agentArgv.isEmpty() && ready.test(found[0]);
                } finally {
                    say(word, go[0] ? PreflightCommands.GO : "stop");
                }
            } else {
                preamble.add(line);
            }
        };
        Consumer<String> stderr = line -> {
            if (found[0] == null) {
                errors.append(line).append('\n');
            } else {
                stderrLine.accept(line);
            }
        };
        OptionalInt exit;
        try {
            exit = withoutPassword
                    ? host.runAsRootIfNoPassword(argv, stdin, stdout, stderr)
                    : OptionalInt.of(host.runAsRootStreaming(argv, stdin, stdout, stderr));
        } catch (SshFailure e) {
            if (found[0] == null) {
                throw e; // nothing ran yet: a stall here is retried
            }
            // The agent may have begun: never run twice by a retry; the next `provision` finds where it stopped.
            throw new SshFailure(e.problem(), e.fix(), e);
        }
        if (exit.isEmpty()) {
            return Optional.empty();
        }
        if (found[0] == null) {
            throw new IllegalStateException("reading the VM's facts failed (exit " + exit.getAsInt() + "): "
                    + errors.toString().strip());
        }
        return Optional.of(new Outcome(found[0], go[0], exit.getAsInt()));
    }

    private static void say(PipedOutputStream word, String line) {
        try (word) {
            word.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The preamble's sections, in {@link PreflightCommands}' order. */
    static Findings parse(List<String> preamble) {
        List<String> sections = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : preamble) {
            if (line.equals(PreflightCommands.SECTION_END)) {
                sections.add(current.toString());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (sections.size() != 7) {
            throw new IllegalStateException("the VM's facts came back garbled (" + sections.size() + " of 7 sections): "
                    + String.join("\n", preamble));
        }
        Facts facts = RemoteFacts.parse(
                sections.get(0),
                sections.get(1),
                sections.get(2),
                sections.get(3).strip(),
                sections.get(4));
        Matcher java = JAVA_VERSION.matcher(sections.get(5));
        String sha = sections.get(6).strip();
        return new Findings(
                facts,
                java.find() ? Integer.parseInt(java.group(1)) : 0,
                sha.length() >= 64 ? Optional.of(sha.substring(0, 64)) : Optional.empty());
    }
}
