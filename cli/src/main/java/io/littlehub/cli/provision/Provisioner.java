package io.littlehub.cli.provision;

import io.littlehub.cli.TeacherFiles;
import io.littlehub.cli.hubconfig.LockOwner;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.passwords.AdminPasswords;
import io.littlehub.cli.passwords.PasswordChoice;
import io.littlehub.cli.remote.AgentCommands;
import io.littlehub.cli.remote.AgentOptions;
import io.littlehub.cli.transport.Prompter;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.SshConnector;
import io.littlehub.cli.transport.SshFailure;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.cli.transport.SshTarget;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.Facts;
import io.littlehub.common.OsSupport;
import io.littlehub.common.config.ConfigProblem;
import io.littlehub.common.config.ConfigValidator;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.events.Event;
import io.littlehub.common.events.EventJson;
import io.littlehub.common.events.EventSink;
import io.littlehub.common.events.HumanReport;
import io.littlehub.common.events.JsonLines;
import io.littlehub.common.students.PasswordRule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code littlehub provision}: facts, Java, the agent, then the whole provision playbook in one SSH session, with
 * every step reported as it happens. The command class only parses arguments and calls {@link #run}.
 */
public final class Provisioner {
    /**
     * What the teacher asked for. {@code publicUrl}: how students reach the hub, when it is not http://HOST/; {@code
     * holdHttps}: the HTTPS front left stopped (restore's first provision: the archive brings Caddy's account and
     * certificates).
     */
    public record Request(
            SshTarget target,
            List<String> admins,
            Path configFile,
            boolean check,
            boolean diff,
            boolean json,
            String hubName,
            String publicUrl,
            Path adminPasswordFile,
            boolean holdHttps) {
        /** No password file: an admin without a password gets one typed on the terminal, or made up. */
        public Request(
                SshTarget target,
                List<String> admins,
                Path configFile,
                boolean check,
                boolean diff,
                boolean json,
                String hubName,
                String publicUrl) {
            this(target, admins, configFile, check, diff, json, hubName, publicUrl, null, false);
        }
    }

    private final PrintStream out;
    private final PrintStream err;
    private final HubRegistry registry;
    private final Prompter prompter;

    /** Without a terminal to ask: an admin without a password gets a made-up one. */
    public Provisioner(PrintStream out, HubRegistry registry) {
        this(out, System.err, registry, null);
    }

    /** {@code err}: where a made-up admin password is shown with --json (never among the events). */
    public Provisioner(PrintStream out, PrintStream err, HubRegistry registry, Prompter prompter) {
        this.out = out;
        this.err = err;
        this.registry = registry;
        this.prompter = prompter;
    }

    public int run(Request req, SshOptions ssh) {
        List<ConfigProblem> badNames = ConfigStaging.adminProblems(req.admins());
        if (!badNames.isEmpty()) {
            badNames.forEach(p -> out.println("littlehub: --admin: " + p.path() + ": " + p.message()));
            return ExitCodes.USAGE;
        }
        if (req.configFile() != null) {
            // Checked here first, so the teacher sees their own file's line numbers and nothing is touched.
            List<ConfigProblem> problems = validate(req.configFile());
            if (!problems.isEmpty()) {
                problems.forEach(p -> out.println(req.configFile() + ": " + p));
                out.println(ConfigProblem.nothingChanged(problems.size())
                        + "; fix it and run again (`littlehub-agent config validate FILE` checks it too)");
                return ExitCodes.INVALID_CONFIG;
            }
        }
        PasswordChoice passwords;
        try {
            if (!req.check()) {
                // Never replace another hub's entry: a second hub on the same address gets its own name.
                registry.refuseClash(
                        req.hubName() != null ? req.hubName() : req.target().host(),
                        req.target().host(),
                        req.target().port() == null ? 22 : req.target().port());
            }
            if (req.adminPasswordFile() != null && req.admins().size() != 1) {
                throw new IllegalArgumentException(
                        "--admin-password-file holds one password: name exactly one --admin with it");
            }
            passwords = PasswordChoice.of(
                    req.adminPasswordFile(), "--admin-password-file", prompter, minimumPassword(req.configFile()));
        } catch (IllegalArgumentException e) {
            out.println("littlehub: " + e.getMessage() + "; nothing changed");
            return ExitCodes.USAGE;
        }
        EventSink sink = req.json()
                ? new JsonLines(out)
                : new HumanReport(out, req.diff(), req.target().host());
        LaptopSteps steps = new LaptopSteps(sink);
        long t = steps.now();
        try (RemoteHost host = SshConnector.connect(req.target(), ssh)) {
            byte[] agentJar = AgentPush.agentJar();
            boolean adminStep = !req.check() && !req.admins().isEmpty();
            if (adminStep) {
                steps.holdRecap();
            }
            long started = t;
            // Without a --config to upload first, the agent's run rides in the preflight's exec when the VM is ready.
            List<String> runNow = req.configFile() == null ? agentArgv(req, null) : List.of();
            Preflight.Outcome pre = Preflight.run(
                    host,
                    runNow,
                    found -> {
                        if (!ready(found, agentJar)) {
                            return false;
                        }
                        reportReady(steps, found, started);
                        return true;
                    },
                    line -> forward(steps, line),
                    line -> err.println("agent: " + line));
            int exit;
            if (pre.ran()) {
                exit = agentExit(pre.exit(), steps, "Apply the hub config", started);
            } else {
                Facts facts = pre.findings().facts();
                OsSupport.Verdict verdict = OsSupport.check(facts);
                steps.result("Facts: " + RemoteFacts.describe(facts), false, t, List.of());
                if (!verdict.supported()) {
                    steps.failed("Check the VM can host a hub", t, String.join("\n", verdict.problems()));
                    return ExitCodes.UNSUPPORTED;
                }
                t = steps.now();
                boolean installed =
                        JavaRuntime.ensure(host, pre.findings().javaMajor(), verdict.javaPackage(), steps, req.check());
                steps.result(
                        "Java runtime for the agent",
                        installed,
                        t,
                        installed ? List.of("apt-get install " + verdict.javaPackage()) : List.of());
                t = steps.now();
                boolean pushed = AgentPush.ensure(host, agentJar, pre.findings().agentHash(), req.check());
                steps.result(
                        "littlehub agent on the VM",
                        pushed,
                        t,
                        pushed ? List.of("upload littlehub-agent.jar") : List.of());
                if (req.check() && (installed || pushed)) {
                    sink.emit(new Event.Note(
                            "check mode stops here: the VM has no agent of this version yet to plan the rest with"));
                    return ExitCodes.OK;
                }
                exit = converge(host, req, steps);
            }
            AdminPasswords.Outcome admins = null;
            if (adminStep && exit == ExitCodes.OK) {
                t = steps.now();
                try {
                    admins = AdminPasswords.ensure(host, req.admins(), passwords);
                    steps.result("Admin password", admins.changed(), t, admins.actions());
                } catch (RuntimeException e) {
                    steps.failed(
                            "Admin password",
                            t,
                            e.getMessage() + " (the hub is up; `littlehub add-admin "
                                    + req.admins().get(0) + "` sets it)");
                    return ExitCodes.FAILED;
                }
            }
            steps.releaseRecap();
            if (exit != ExitCodes.OK || req.check()) {
                return exit;
            }
            String url = req.publicUrl() != null
                    ? req.publicUrl()
                    : "http://" + req.target().host() + "/";
            registry.remember(new Hub(
                    req.hubName() != null ? req.hubName() : req.target().host(),
                    req.target().host(),
                    host.target().port(),
                    host.user(),
                    req.target().identity() == null
                            ? null
                            : req.target().identity().toString(),
                    url,
                    ssh.knownHosts() == null
                            ? null
                            : ssh.knownHosts().toAbsolutePath().toString()));
            if (!req.json()) {
                nextSteps(url, req.admins(), admins);
                HttpsHint.lines(url, req.target().host()).forEach(out::println);
            } else if (admins != null) {
                AdminPasswords.show(err, admins);
            }
            return ExitCodes.OK;
        } catch (SshFailure e) {
            steps.failed("Connect over SSH", t, e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (RuntimeException e) {
            steps.failed("Provision", t, e.getMessage() == null ? e.toString() : e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    /**
     * The agent's {@code run provision}, its events forwarded as they come. A --config file goes up under a name of its
     * own and is removed afterwards; the agent applies it (with the admins) under the config lock, records it in the
     * history and rolls it back when the hub does not come up.
     */
    private int converge(RemoteHost host, Request req, LaptopSteps steps) {
        long t = steps.now();
        String staged = null;
        if (req.configFile() != null) {
            staged = ConfigStaging.upload(host, req.configFile());
            steps.result("Upload the hub config", false, t, List.of());
            t = steps.now();
        }
        try {
            return streamAgent(host, agentArgv(req, staged), steps, err, "Apply the hub config", t);
        } finally {
            if (staged != null) {
                ConfigStaging.remove(host, staged);
            }
        }
    }

    /** The agent's {@code run provision --json …} for this request; {@code staged}: the uploaded config, or null. */
    private static List<String> agentArgv(Request req, String staged) {
        return AgentCommands.runPlaybook(
                "provision",
                staged,
                req.admins(),
                req.check(),
                req.diff(),
                req.holdHttps(),
                new AgentOptions(true, null, LockOwner.of(System.getenv())));
    }

    /** The VM can run this laptop's agent as it is: a supported OS, Java, and the same agent jar. */
    private static boolean ready(Preflight.Findings found, byte[] agentJar) {
        return OsSupport.check(found.facts()).supported()
                && found.javaMajor() >= JavaRuntime.MIN_MAJOR
                && AgentPush.isCurrent(agentJar, found.agentHash());
    }

    /** The laptop's three steps, all ok, as the slow path reports them: one answer settled them all. */
    private static void reportReady(LaptopSteps steps, Preflight.Findings found, long started) {
        steps.result("Facts: " + RemoteFacts.describe(found.facts()), false, started, List.of());
        long t = steps.now();
        steps.result("Java runtime for the agent", false, t, List.of());
        steps.result("littlehub agent on the VM", false, t, List.of());
    }

    /**
     * Runs an agent command that speaks the event protocol ({@code --json}) and forwards its events as they come;
     * its exit code, or FAILED when the connection went away before it came (the outcome is unknown).
     */
    static int streamAgent(
            RemoteHost host, List<String> argv, LaptopSteps steps, PrintStream err, String what, long startNanos) {
        return agentExit(runAgent(host, argv, steps, err), steps, what, startNanos);
    }

    /** The agent's run: its events into {@code steps}, its other lines to {@code err}; its exit code as it is. */
    static int runAgent(RemoteHost host, List<String> argv, LaptopSteps steps, PrintStream err) {
        return host.runAsRootStreaming(argv, line -> forward(steps, line), line -> err.println("agent: " + line));
    }

    /** The command's exit code for the agent's; a run that ended before its recap is reported as failed. */
    static int agentExit(int exit, LaptopSteps steps, String what, long startNanos) {
        if (exit != ExitCodes.OK && !steps.recapped()) {
            // It stopped before its work began (e.g. 5: the config has problems, 6: the lock is held) and said why on
            // stderr.
            steps.failed(
                    what,
                    startNanos,
                    "littlehub-agent stopped with exit code " + exit + ": see its messages (the `agent:` lines)");
        }
        return exit < 0 ? ExitCodes.FAILED : exit; // the agent speaks the same ExitCodes
    }

    private static List<ConfigProblem> validate(Path file) {
        return new ConfigValidator().validate(TeacherFiles.read(file, "the hub config (YAML) for --config"));
    }

    /** An event goes on as itself; any other line the agent prints (a JVM warning) as a progress line. */
    private static void forward(LaptopSteps steps, String line) {
        Event event;
        try {
            event = EventJson.read(line);
        } catch (IllegalArgumentException notAnEvent) {
            steps.progress(line);
            return;
        }
        steps.forward(event);
    }

    private void nextSteps(String url, List<String> admins, AdminPasswords.Outcome passwords) {
        out.println();
        out.println("Your hub is ready: " + url);
        if (admins.isEmpty()) {
            out.println("No admin was named: run again with --admin YOURNAME to manage the hub from its web page.");
        } else if (passwords != null && passwords.auth().equals("firstuse")) {
            out.println("Sign in as " + String.join(" or ", admins) + " with the admin password.");
            AdminPasswords.show(out, passwords);
        } else {
            out.println("Sign in as " + String.join(" or ", admins) + " through the hub's "
                    + (passwords == null ? "" : passwords.auth() + " ") + "sign-in.");
        }
        out.println("Only names on the roster may sign in: add students with `littlehub add-student NAME…`;"
                + " each one picks a password at the first sign-in.");
    }

    /** The least length of an admin password: littlehub's, or the new config's auth.min_password_length when larger. */
    private static int minimumPassword(Path configFile) {
        if (configFile == null) {
            return PasswordRule.MIN_LENGTH;
        }
        try {
            return PasswordRule.minimum(HubConfig.load(Files.readString(configFile)));
        } catch (IOException | RuntimeException unreadable) {
            return PasswordRule.MIN_LENGTH; // validate() has already said what is wrong with the file
        }
    }
}
