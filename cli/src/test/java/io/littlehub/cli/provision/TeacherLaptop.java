package io.littlehub.cli.provision;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.testvm.TestVms;
import io.littlehub.testvm.Vm;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A provisioned hub VM and a teacher's laptop for it: a temporary home whose hub registry knows the VM (as the
 * current hub), so the real commands run against it. Closing it removes the VM.
 */
public final class TeacherLaptop implements AutoCloseable {
    public final Vm vm;
    public final Path home;
    /** The hub's address on this host, like http://127.0.0.1:42011 */
    public final String base;

    private TeacherLaptop(Vm vm, Path home, String base) {
        this.vm = vm;
        this.home = home;
        this.base = base;
    }

    /** Boots {@code vmName} from the provisioned snapshot and waits until the hub answers. */
    public static TeacherLaptop boot(String vmName) throws Exception {
        return boot(vmName, TestVms.UpOptions.defaults());
    }

    /** {@link #boot(String)} with the harness's {@code options} (e.g. a home disk of its own). */
    public static TeacherLaptop boot(String vmName, TestVms.UpOptions options) throws Exception {
        long t = System.nanoTime();
        Vm vm = ProvisionedHub.boot(vmName, options);
        System.out.printf("%s: provisioned hub up in %d ms%n", vmName, (System.nanoTime() - t) / 1_000_000);
        return forHub(vm, Duration.ofSeconds(120));
    }

    /**
     * Boots {@code vmName} on QEMU (a real kernel, e.g. to reboot it) from {@code snapshot}, an nspawn snapshot of a
     * provisioned hub (the harness converts it once). Software emulation here: everything is several times slower.
     */
    public static TeacherLaptop bootQemu(String vmName, String snapshot) throws Exception {
        long t = System.nanoTime();
        Vm vm = TestVms.open()
                .up(
                        vmName,
                        TestVms.UpOptions.defaults()
                                .withBackend("qemu")
                                .fromSnapshot(snapshot)
                                .owned(true));
        System.out.printf(
                "%s: hub on QEMU, SSH up in %d ms (snapshot conversion %d ms)%n",
                vmName, (System.nanoTime() - t) / 1_000_000, vm.timings().conversionMillis());
        return forHub(vm, Duration.ofSeconds(600));
    }

    /** A laptop whose hub registry knows {@code vm} (as the current hub), once the hub answers. */
    static TeacherLaptop forHub(Vm vm, Duration hubTimeout) throws Exception {
        Path home = Files.createTempDirectory("littlehub-laptop");
        String base = "http://127.0.0.1:" + vm.httpPort();
        new HubRegistry(home.resolve("registry"))
                .remember(new Hub(
                        "test-hub",
                        "127.0.0.1",
                        vm.sshPort(),
                        vm.user(),
                        vm.identity().toString(),
                        base + "/"));
        new HubClient(base).awaitHub(hubTimeout);
        return new TeacherLaptop(vm, home, base);
    }

    /** One {@code littlehub} command as the teacher types it: its exit code and what it printed. */
    public record Run(int exit, String out, String err) {
        public java.util.List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** A password file as a teacher keeps one (first line, 0600), for {@code --password-file}. */
    public Path passwordFile(String password) throws java.io.IOException {
        Path file = Files.createTempFile(home, "password", "");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.writeString(file, password + "\n");
        return file;
    }

    /** {@code before}, the VM as {@code provision} and {@code restore} take it from this laptop, then {@code after}. */
    public String[] withTheVm(java.util.List<String> before, String... after) {
        java.util.List<String> args = new java.util.ArrayList<>(before);
        args.addAll(java.util.List.of(
                vm.user() + "@127.0.0.1",
                "-p",
                Integer.toString(vm.sshPort()),
                "-i",
                vm.identity().toString()));
        args.addAll(java.util.List.of(after));
        return args.toArray(String[]::new);
    }

    /** Runs {@code littlehub ARGS} on this laptop as user "teacher". */
    public Run littlehub(String... args) {
        return run(Map.of("USER", "teacher"), args);
    }

    /** Runs {@code littlehub ARGS} as the teacher and asserts it succeeded. */
    public Run ok(String... args) {
        Run r = littlehub(args);
        org.junit.jupiter.api.Assertions.assertEquals(
                io.littlehub.common.ExitCodes.OK, r.exit(), String.join(" ", args) + "\n" + r);
        return r;
    }

    /** A student signed in over HTTP (password NAME-password) whose server the hub started. */
    public HubClient signedInWithServer(String name) throws Exception {
        return signedInWithServer(name, Duration.ofSeconds(180));
    }

    /** {@link #signedInWithServer(String)}, the server ready within {@code timeout} (a QEMU VM needs minutes). */
    public HubClient signedInWithServer(String name, Duration timeout) throws Exception {
        HubClient c = new HubClient(base);
        org.junit.jupiter.api.Assertions.assertEquals(
                200, c.login(name, name + "-password").statusCode());
        c.startServer(name, timeout);
        return c;
    }

    /** Runs {@code littlehub ARGS} with {@code env} (USER, EDITOR …); prints what ran and how long it took. */
    public Run run(Map<String, String> env, String... args) {
        return run(ScriptedPrompter.nobody(), env, line -> {}, args);
    }

    /** Runs {@code littlehub ARGS} as the teacher at a terminal, where {@code prompter} answers the questions. */
    public Run atTerminal(io.littlehub.cli.transport.Prompter prompter, String... args) {
        return run(prompter, Map.of("USER", "teacher"), line -> {}, args);
    }

    /** {@link #run(Map, String...)}, handing each line the command prints on stdout to {@code stdoutLines} at once. */
    public Run run(Map<String, String> env, java.util.function.Consumer<String> stdoutLines, String... args) {
        return run(ScriptedPrompter.nobody(), env, stdoutLines, args);
    }

    private Run run(
            io.littlehub.cli.transport.Prompter prompter,
            Map<String, String> env,
            java.util.function.Consumer<String> stdoutLines,
            String... args) {
        LineTee out = new LineTee(stdoutLines);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        picocli.CommandLine cl = io.littlehub.cli.LittlehubCommand.commandLine(() -> context(
                new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
                env,
                prompter));
        java.io.StringWriter usage = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(usage));
        long t = System.nanoTime();
        int exit = cl.execute(args);
        System.out.printf(
                "littlehub %s (%s): exit %d in %d ms%n",
                String.join(" ", args), env.get("USER"), exit, (System.nanoTime() - t) / 1_000_000);
        return new Run(exit, out.text(), err.toString(java.nio.charset.StandardCharsets.UTF_8) + usage);
    }

    /** What the commands see: this laptop's registry and known_hosts, no ssh-agent, nobody to answer prompts. */
    public ConfigContext context(PrintStream out, PrintStream err, Map<String, String> env) {
        return context(out, err, env, ScriptedPrompter.nobody());
    }

    private ConfigContext context(
            PrintStream out, PrintStream err, Map<String, String> env, io.littlehub.cli.transport.Prompter prompter) {
        return new ConfigContext(
                new HubRegistry(home.resolve("registry")),
                SshOptions.defaults()
                        .withHome(home)
                        .withKnownHosts(home.resolve("known_hosts"))
                        .withAcceptNewHostKeys(true)
                        .withAgentSocket(null),
                out,
                err,
                prompter,
                env);
    }

    private boolean closed;

    /** Removes the VM (once; the laptop's folder stays usable, e.g. to restore the hub elsewhere). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        vm.close();
        TestVms.open().down(vm.name());
    }
}
