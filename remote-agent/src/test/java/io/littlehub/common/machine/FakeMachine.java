package io.littlehub.common.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The machine of a unit test, as data (pyinfra's habit): programs answer from a script keyed by argv prefix, files
 * live in a map, and every program run and every file written is logged in order, so a test states the exact commands
 * a transaction must run — and those it must not.
 *
 * <p>A program's answer comes from the rule with the longest argv prefix that matches (the latest of equal length);
 * a rule given several answers hands them out in turn and repeats its last one. Unscripted programs exit 0 silently.
 *
 * <p>Safe for concurrent use, as the runner's parallel branches use a machine: every record and file changes under
 * the machine's lock, and a scripted program runs outside it, so a test's program may wait for another thread's.
 */
public final class FakeMachine implements Machine {
    public static final CommandResult OK = new CommandResult(0, "", "");

    private record Rule(List<String> prefix, Function<List<String>, CommandResult> program) {}

    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<String, FileState> attrs = new HashMap<>();
    private final Map<String, FileStamp> stamps = new HashMap<>();
    /** Each write's modification time: one second after the one before. */
    private long clock = 1_700_000_000L;

    private final List<List<String>> ran = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final List<String> stdins = new ArrayList<>();

    public static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "");
    }

    public static CommandResult fails(int exitCode, String stderr) {
        return new CommandResult(exitCode, "", stderr);
    }

    /** Programs starting with {@code prefix} answer {@code answers} in turn, the last one from then on. */
    public FakeMachine answer(List<String> prefix, CommandResult... answers) {
        Deque<CommandResult> left = new ArrayDeque<>(List.of(answers));
        return answer(prefix, argv -> {
            synchronized (left) {
                return left.size() > 1 ? left.poll() : left.peek();
            }
        });
    }

    /** Programs starting with {@code prefix} answer what {@code program} returns for their argv. */
    public synchronized FakeMachine answer(List<String> prefix, Function<List<String>, CommandResult> program) {
        rules.add(new Rule(List.copyOf(prefix), program));
        return this;
    }

    /** A regular file already there (root's, mode 0644). */
    public synchronized FakeMachine file(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        files.put(path, bytes);
        attrs.put(path, new FileState(false, "root", "root", 0644, LocalMachine.sha256(bytes)));
        stamp(path, bytes);
        return this;
    }

    /** An empty regular file already there, last modified at {@code modified}. */
    public synchronized FakeMachine file(String path, Instant modified) {
        file(path, "");
        stamps.put(path, new FileStamp(0, modified));
        return this;
    }

    /** A directory already there. */
    public synchronized FakeMachine directory(String path) {
        attrs.put(path, new FileState(true, "root", "root", 0755, null));
        return this;
    }

    @Override
    public CommandResult run(List<String> argv) {
        Optional<Rule> rule;
        synchronized (this) {
            ran.add(List.copyOf(argv));
            log.add("run " + String.join(" ", argv));
            rule = rules.stream()
                    .filter(r -> startsWith(argv, r.prefix()))
                    .reduce((a, b) -> b.prefix().size() >= a.prefix().size() ? b : a);
        }
        return rule.map(r -> r.program().apply(argv)).orElse(OK);
    }

    @Override
    public CommandResult run(List<String> argv, Consumer<String> progress) {
        CommandResult r = run(argv);
        r.stdout().lines().forEach(progress);
        return r;
    }

    @Override
    public CommandResult run(List<String> argv, byte[] stdin) {
        synchronized (this) {
            stdins.add(new String(stdin, StandardCharsets.UTF_8));
        }
        return run(argv);
    }

    @Override
    public CommandResult run(List<String> argv, byte[] stdin, Consumer<String> progress) {
        synchronized (this) {
            stdins.add(new String(stdin, StandardCharsets.UTF_8));
        }
        return run(argv, progress);
    }

    @Override
    public synchronized Optional<FileState> stat(String path) {
        return Optional.ofNullable(attrs.get(path));
    }

    @Override
    public synchronized Optional<byte[]> read(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public synchronized List<String> list(String directory) {
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        return attrs.keySet().stream()
                .filter(p -> p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0)
                .map(p -> p.substring(prefix.length()))
                .sorted()
                .toList();
    }

    @Override
    public synchronized void write(String path, byte[] content, String owner, String group, int mode) {
        log.add("write " + path + " " + owner + ":" + group + " " + Integer.toOctalString(mode));
        files.put(path, content);
        attrs.put(path, new FileState(false, owner, group, mode, LocalMachine.sha256(content)));
        stamp(path, content);
    }

    private void stamp(String path, byte[] content) {
        stamps.put(path, new FileStamp(content.length, Instant.ofEpochSecond(++clock)));
    }

    @Override
    public Optional<FileStamp> stamp(String path) {
        return Optional.ofNullable(stamps.get(path));
    }

    @Override
    public synchronized void makeDirectory(String path, String owner, String group, int mode) {
        log.add("mkdir " + path + " " + owner + ":" + group + " " + Integer.toOctalString(mode));
        attrs.put(path, new FileState(true, owner, group, mode, null));
    }

    @Override
    public synchronized void setAttributes(String path, String owner, String group, int mode) {
        log.add("chown " + path + " " + owner + ":" + group + " " + Integer.toOctalString(mode));
        // A path a scripted program made (cp, mv) is not in the map: a file of unknown content then.
        FileState f = attrs.getOrDefault(path, new FileState(false, owner, group, mode, null));
        attrs.put(path, new FileState(f.directory(), owner, group, mode, f.sha256()));
    }

    /** Every program run, in order, as its exact argv. */
    public synchronized List<List<String>> ran() {
        return List.copyOf(ran);
    }

    /** Every program run and file changed, in order: "run ARGV…", "write|mkdir|chown PATH OWNER:GROUP MODE". */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    /** What each program run with a standard input was given, in order. */
    public synchronized List<String> stdins() {
        return List.copyOf(stdins);
    }

    /** A file's text; fails the test when it was never written. */
    public synchronized String text(String path) {
        assertTrue(files.containsKey(path), path + " was never written");
        return new String(files.get(path), StandardCharsets.UTF_8);
    }

    /** Forgets what ran and was written so far (files stay): the next assertion looks at what follows. */
    public synchronized void forget() {
        ran.clear();
        log.clear();
        stdins.clear();
    }

    /** Exactly these programs ran, in this order, and nothing else. */
    @SafeVarargs
    public final synchronized void assertRan(List<String>... expected) {
        assertEquals(List.of(expected), ran, "programs run");
    }

    /** These programs ran in this order, others possibly between them. */
    @SafeVarargs
    public final synchronized void assertRanInOrder(List<String>... expected) {
        int at = 0;
        for (List<String> argv : ran) {
            if (at < expected.length && argv.equals(expected[at])) {
                at++;
            }
        }
        assertEquals(expected.length, at, "ran in this order: " + List.of(expected) + "\nbut ran: " + ran);
    }

    /** No program starting with {@code prefix} ran. */
    public synchronized void assertNeverRan(List<String> prefix) {
        List<List<String>> hits =
                ran.stream().filter(argv -> startsWith(argv, prefix)).toList();
        assertEquals(List.of(), hits, "must not run " + prefix);
    }

    /** How many programs starting with {@code prefix} ran. */
    public synchronized long count(List<String> prefix) {
        return ran.stream().filter(argv -> startsWith(argv, prefix)).count();
    }

    private static boolean startsWith(List<String> argv, List<String> prefix) {
        return argv.size() >= prefix.size() && argv.subList(0, prefix.size()).equals(prefix);
    }
}
