package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.sshj.key.KeyAlgorithms;
import io.littlehub.testvm.Vm;
import io.littlehub.testvm.junit.TestVm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH transport against a booted Debian 12 VM (OpenSSH 9.2, which refuses ssh-rsa SHA-1 signatures). */
class TransportIT {
    @TestVm(backend = "nspawn")
    static Vm vm;

    @TempDir
    Path home;

    static Path rsaKey;
    static Path ecdsaKey;
    static Path protectedKey;
    static final String PASSPHRASE = "correct horse battery";

    @BeforeAll
    static void authorizeExtraKeys(@TempDir Path keys) throws Exception {
        rsaKey = TestKeys.generate(keys.resolve("id_rsa"), "rsa", "");
        ecdsaKey = TestKeys.generate(keys.resolve("id_ecdsa"), "ecdsa", "");
        protectedKey = TestKeys.generate(keys.resolve("id_protected"), "ed25519", PASSPHRASE);
        for (Path k : List.of(rsaKey, ecdsaKey, protectedKey)) {
            authorize("tester", TestKeys.publicLine(k));
        }
    }

    private static void authorize(String user, String pubLine) {
        vm.check(
                "sudo",
                "sh",
                "-c",
                "mkdir -p ~" + user + "/.ssh && printf '%s\\n' \"$1\" >> ~" + user
                        + "/.ssh/authorized_keys && chown -R " + user + ": ~" + user + "/.ssh",
                "sh",
                pubLine);
    }

    /** No agent, no keys in the (temporary) home, host keys accepted: each test adds what it proves. */
    private SshOptions options() {
        return SshOptions.defaults()
                .withHome(home)
                .withAgentSocket(null)
                .withAcceptNewHostKeys(true)
                .withPrompter(ScriptedPrompter.nobody())
                .withConnectTimeoutMillis(5000);
    }

    private SshTarget tester(Path identity) {
        return SshTarget.parse("tester@127.0.0.1", vm.sshPort(), identity);
    }

    private static String hostFingerprint(String type) {
        return vm.check("ssh-keygen", "-l", "-E", "sha256", "-f", "/etc/ssh/ssh_host_" + type + "_key.pub")
                .split(" ")[1];
    }

    @Test
    void keyFileLoginFirstContactAsksAndRecordsThenSecondContactIsSilent() throws Exception {
        ScriptedPrompter first = new ScriptedPrompter().yes(true);
        SshOptions o = options().withAcceptNewHostKeys(false).withPrompter(first);
        try (RemoteHost h = SshConnector.connect(tester(vm.identity()), o)) {
            assertEquals("tester\n", h.run(List.of("whoami")).stdout());
        }
        assertEquals(1, first.asked.size());
        assertTrue(first.shown.get(0).contains("[127.0.0.1]:" + vm.sshPort()), first.shown.toString());
        assertTrue(
                first.shown.get(0).contains("ED25519 key fingerprint is " + hostFingerprint("ed25519")),
                first.shown.toString());
        List<String> lines = Files.readAllLines(home.resolve(".ssh/known_hosts"));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("[127.0.0.1]:" + vm.sshPort() + " ssh-ed25519 "), lines.get(0));
        assertEquals(
                vm.check("cat", "/etc/ssh/ssh_host_ed25519_key.pub")
                        .split(" ")[1]
                        .strip(),
                lines.get(0).split(" ")[2]);

        ScriptedPrompter second = new ScriptedPrompter();
        try (RemoteHost h = SshConnector.connect(
                tester(vm.identity()), options().withAcceptNewHostKeys(false).withPrompter(second))) {
            assertTrue(h.run(List.of("true")).ok());
        }
        assertTrue(second.asked.isEmpty() && second.shown.isEmpty(), "a known host is silent: " + second.shown);
        assertEquals(lines, Files.readAllLines(home.resolve(".ssh/known_hosts")));
    }

    @Test
    void declinedFirstContactIsRefused() {
        SshOptions o = options().withAcceptNewHostKeys(false).withPrompter(new ScriptedPrompter().yes(false));
        SshFailure f = assertThrows(
                SshFailure.class,
                () -> SshConnector.connect(tester(vm.identity()), o).close());
        assertTrue(f.problem().contains("did not accept the host key"), f.problem());
        assertFalse(Files.exists(home.resolve(".ssh/known_hosts")));
    }

    @Test
    void changedHostKeyIsRefusedWithTheRiskAndTheFix() throws Exception {
        Path fake = TestKeys.generate(home.resolve("fake_host_key"), "ed25519", "");
        Path kh = home.resolve(".ssh/known_hosts");
        Files.createDirectories(kh.getParent());
        String name = "[127.0.0.1]:" + vm.sshPort();
        Files.writeString(kh, name + " " + TestKeys.publicLine(fake).replace(" littlehub-test-ed25519", "") + "\n");
        SshFailure f = assertThrows(
                SshFailure.class,
                () -> SshConnector.connect(tester(vm.identity()), options()).close());
        assertTrue(f.problem().contains("CHANGED"), f.problem());
        assertTrue(f.problem().contains("man-in-the-middle"), f.problem());
        assertTrue(f.problem().contains(hostFingerprint("ed25519")), f.problem());
        assertTrue(f.fix().contains("ssh-keygen -R '" + name + "'"), f.fix());
        assertEquals(1, Files.readAllLines(kh).size(), "known_hosts is left alone");
    }

    @Test
    void rsaKeyLogsInWithSha2SignaturesWhichThisSshdRequires() throws Exception {
        assertTrue(vm.exec("sh", "-c", "ssh -V 2>&1").stdout().contains("OpenSSH_9.2"));
        try (RemoteHost h = SshConnector.connect(tester(rsaKey), options())) {
            assertEquals("tester\n", h.run(List.of("whoami")).stdout());
        }
        // The same key with SHA-1 (ssh-rsa) signatures only: the server refuses it.
        DefaultConfig sha1Only = new DefaultConfig();
        sha1Only.setKeyAlgorithms(
                List.of(KeyAlgorithms.SSHRSA(), KeyAlgorithms.EdDSA25519(), KeyAlgorithms.ECDSASHANistp256()));
        try (SSHClient c = new SSHClient(sha1Only)) {
            c.addHostKeyVerifier(new PromiscuousVerifier());
            c.connect("127.0.0.1", vm.sshPort());
            assertThrows(UserAuthException.class, () -> c.authPublickey("tester", c.loadKeys(rsaKey.toString())));
        }
    }

    @Test
    void ecdsaKeyLogsIn() {
        try (RemoteHost h = SshConnector.connect(tester(ecdsaKey), options())) {
            assertEquals("tester\n", h.run(List.of("whoami")).stdout());
        }
    }

    @Test
    void defaultIdentityFromHomeIsUsed() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.copy(rsaKey, home.resolve(".ssh/id_rsa"));
        try (RemoteHost h = SshConnector.connect(tester(null), options())) {
            assertTrue(h.run(List.of("true")).ok());
        }
    }

    @Test
    void passphraseProtectedKeyAsksThroughThePrompter() {
        ScriptedPrompter p = new ScriptedPrompter().answer("wrong").answer(PASSPHRASE);
        try (RemoteHost h = SshConnector.connect(tester(protectedKey), options().withPrompter(p))) {
            assertEquals("tester\n", h.run(List.of("whoami")).stdout());
        }
        assertEquals(2, p.asked.size(), p.asked.toString());
        assertTrue(p.asked.get(0).startsWith("Enter passphrase for key '" + protectedKey + "'"), p.asked.get(0));

        SshFailure none = assertThrows(
                SshFailure.class,
                () -> SshConnector.connect(tester(protectedKey), options()).close());
        assertTrue(none.problem().contains("protected by a passphrase and none was given"), none.problem());
    }

    @Test
    void sshAgentWithEd25519AndRsaKeys(@TempDir Path agentDir) throws Exception {
        Path ed = TestKeys.generate(agentDir.resolve("agent_ed25519"), "ed25519", "");
        authorize("tester", TestKeys.publicLine(ed));
        try (TestAgent agent = TestAgent.start(agentDir)) {
            agent.add(rsaKey); // RSA first: the agent must sign with rsa-sha2-512, or this sshd refuses it
            try (RemoteHost h =
                    SshConnector.connect(tester(null), options().withAgentSocket(agent.socket.toString()))) {
                assertEquals("tester\n", h.run(List.of("whoami")).stdout());
            }
            agent.add(ed);
            TestKeys.exec(
                    java.util.Map.of("SSH_AUTH_SOCK", agent.socket.toString()), "ssh-add", "-d", rsaKey.toString());
            try (RemoteHost h =
                    SshConnector.connect(tester(null), options().withAgentSocket(agent.socket.toString()))) {
                assertEquals("tester\n", h.run(List.of("whoami")).stdout());
            }
        }
        String log = vm.check("sudo", "journalctl", "-u", "ssh", "--no-pager", "-o", "cat");
        assertTrue(log.contains("Accepted publickey for tester from 127.0.0.1"), log);
    }

    @Test
    void sshConfigAliasSuppliesHostPortUserAndIdentity() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), """
                Host other
                  User nobody
                Host class-vm !nothing
                  HostName 127.0.0.1
                  Port %d
                  User tester
                  IdentityFile "%s"
                Host *
                  User wrong
                """.formatted(vm.sshPort(), vm.identity()));
        try (RemoteHost h = SshConnector.connect(SshTarget.parse("class-vm"), options())) {
            assertEquals("tester\n", h.run(List.of("whoami")).stdout());
            assertEquals(vm.sshPort(), h.target().port());
        }
    }

    @Test
    void proxyJumpThroughTheVmToItsOwnSshd() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), """
                Host inner
                  HostName 127.0.0.1
                  Port 22
                  User tester
                  IdentityFile %2$s
                  ProxyJump tester@127.0.0.1:%1$d
                Host 127.0.0.1
                  IdentityFile %2$s
                """.formatted(vm.sshPort(), vm.identity()));
        try (RemoteHost h = SshConnector.connect(SshTarget.parse("inner"), options())) {
            String conn =
                    h.run(List.of("sh", "-c", "echo $SSH_CONNECTION")).stdout().strip();
            assertTrue(
                    conn.startsWith("127.0.0.1 ") && conn.endsWith(" 127.0.0.1 22"),
                    "reached sshd on port 22 inside the VM: " + conn);
            assertEquals(vm.name(), h.run(List.of("hostname")).stdout().strip());
        }
        List<String> kh = Files.readAllLines(home.resolve(".ssh/known_hosts"));
        assertTrue(kh.stream().anyMatch(l -> l.startsWith("[127.0.0.1]:" + vm.sshPort() + " ")), kh.toString());
        assertTrue(
                kh.stream().anyMatch(l -> l.startsWith("127.0.0.1 ")),
                "the target behind the jump is recorded as itself: " + kh);
    }

    @Test
    void hostileArgumentsArriveByteExactAndExitCodesAreKept() {
        try (RemoteHost h = SshConnector.connect(tester(vm.identity()), options())) {
            List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
            argv.addAll(ShellQuoteTest.HOSTILE);
            Result r = h.run(argv);
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(String.join("\0", ShellQuoteTest.HOSTILE) + "\0", r.stdout());
            assertEquals(
                    42,
                    h.run(List.of("sh", "-c", "echo out; echo err >&2; exit 42"))
                            .exitCode());
            Result both = h.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
            assertEquals(new Result(3, "out\n", "err\n"), both);
            assertEquals(143, h.run(List.of("sh", "-c", "kill -TERM $$")).exitCode(), "killed by SIGTERM: 128+15");
            assertEquals(127, h.run(List.of("no-such-command-here")).exitCode());
            assertEquals("", h.run(List.of("cat")).stdout(), "stdin is closed, so cat ends");
            assertEquals("0\n", h.runAsRoot(List.of("id", "-u")).stdout(), "tester has passwordless sudo");
        }
    }

    @Test
    void streamingDeliversLinesAsTheyArrive() {
        try (RemoteHost h = SshConnector.connect(tester(vm.identity()), options())) {
            List<Long> at = Collections.synchronizedList(new ArrayList<>());
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            List<String> err = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            int code = h.runAsRootStreaming(
                    List.of(
                            "sh",
                            "-c",
                            "for i in 1 2 3; do echo \"{\\\"n\\\":$i,\\\"uid\\\":$(id -u)}\"; sleep 0.5; done; echo done >&2; exit 7"),
                    line -> {
                        at.add(System.nanoTime() - start);
                        out.add(line);
                    },
                    err::add);
            long total = System.nanoTime() - start;
            assertEquals(7, code);
            assertEquals(List.of("{\"n\":1,\"uid\":0}", "{\"n\":2,\"uid\":0}", "{\"n\":3,\"uid\":0}"), out);
            assertEquals(List.of("done"), err);
            assertTrue(
                    total - at.get(0) > 900_000_000L, "the first line came about 1.5 s before the end, not at the end");
        }
    }

    @Test
    void uploadAndSha256AsUserAndAsRoot(@TempDir Path local) throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        Path file = Files.write(local.resolve("payload.bin"), data);
        String expected = Sha256.of(file);
        try (RemoteHost h = SshConnector.connect(tester(vm.identity()), options())) {
            String target = "/home/tester/dir with space/pay'load.bin";
            h.run(List.of("mkdir", "-p", "/home/tester/dir with space"));
            assertEquals(Optional.empty(), h.sha256(target));
            h.upload(file, target, 0640);
            assertEquals(Optional.of(expected), h.sha256(target));
            assertEquals(
                    "640 tester\n",
                    h.run(List.of("stat", "-c", "%a %U", target)).stdout());
            assertEquals(
                    "",
                    h.run(List.of("sh", "-c", "ls '/home/tester/dir with space' | grep littlehub- || true"))
                            .stdout(),
                    "no temporary file left");
            Files.write(file, "changed".getBytes(StandardCharsets.UTF_8));
            h.upload(file, target, 0600);
            assertNotEquals(Optional.of(expected), h.sha256(target), "overwrite works");

            h.runAsRoot(List.of("install", "-d", "-m", "0755", "/opt/littlehub-test"));
            h.uploadAsRoot(file, "/opt/littlehub-test/agent.jar", 0644);
            assertEquals(Optional.of(Sha256.of(file)), h.sha256AsRoot("/opt/littlehub-test/agent.jar"));
            assertEquals(
                    "644 root root\n",
                    h.run(List.of("stat", "-c", "%a %U %G", "/opt/littlehub-test/agent.jar"))
                            .stdout());
            assertEquals(Optional.empty(), h.sha256AsRoot("/opt/littlehub-test/missing"));
        }
    }

    @Test
    void sudoWithAPasswordIsAskedOnceAndNeverReachesTheCommand() throws Exception {
        String pw = "s3cret pa$$ 'word'";
        vm.check(
                "sudo",
                "sh",
                "-c",
                "id alice >/dev/null 2>&1 || useradd -m -s /bin/bash -G sudo alice; printf 'alice:%s\\n' \"$1\" | chpasswd",
                "sh",
                pw);
        authorize("alice", TestKeys.publicLine(ecdsaKey));
        ScriptedPrompter p = new ScriptedPrompter().answer("wrong").answer(pw);
        try (RemoteHost h = SshConnector.connect(
                SshTarget.parse("alice@127.0.0.1", vm.sshPort(), ecdsaKey),
                options().withPrompter(p))) {
            assertEquals(1, h.run(List.of("sudo", "-n", "true")).exitCode(), "alice's sudo needs a password");
            assertEquals("root\n", h.runAsRoot(List.of("whoami")).stdout());
            assertEquals("", h.runAsRoot(List.of("cat")).stdout(), "the password is not left on the command's stdin");
            List<String> lines = new ArrayList<>();
            assertEquals(0, h.runAsRootStreaming(List.of("id", "-un"), lines::add, l -> {}));
            assertEquals(List.of("root"), lines);
        }
        assertEquals(2, p.asked.size(), "asked twice (one wrong answer), then never again: " + p.asked);
        assertTrue(p.asked.get(0).contains("[sudo] password for alice"));

        SshFailure noTerminal = assertThrows(SshFailure.class, () -> {
            try (RemoteHost h =
                    SshConnector.connect(SshTarget.parse("alice@127.0.0.1", vm.sshPort(), ecdsaKey), options())) {
                h.runAsRoot(List.of("true"));
            }
        });
        assertTrue(noTerminal.problem().contains("needs alice's password"), noTerminal.problem());
    }

    @Test
    void clearErrorsForRefusedDnsAndAuthentication() throws Exception {
        SshFailure refused = assertThrows(
                SshFailure.class,
                () -> SshConnector.connect(SshTarget.parse("tester@127.0.0.1", 1, vm.identity()), options())
                        .close());
        assertTrue(refused.problem().contains("127.0.0.1 port 1 refused the connection"), refused.problem());

        SshFailure dns = assertThrows(
                SshFailure.class,
                () -> SshConnector.connect(
                                SshTarget.parse("tester@no-such-host.invalid", null, vm.identity()), options())
                        .close());
        assertTrue(dns.problem().contains("does not resolve"), dns.problem());

        Path stranger = TestKeys.generate(home.resolve("stranger"), "ed25519", "");
        SshFailure denied = assertThrows(
                SshFailure.class,
                () -> SshConnector.connect(tester(stranger), options()).close());
        assertTrue(
                denied.problem()
                        .startsWith("Permission denied (publickey) for tester@[127.0.0.1]:" + vm.sshPort()
                                + ": tried keys " + stranger),
                denied.problem());
        assertTrue(denied.fix().contains("ssh-add"), denied.fix());

        SshFailure noKeys = assertThrows(
                SshFailure.class,
                () -> SshConnector.connect(tester(null), options()).close());
        assertTrue(noKeys.problem().contains("no keys to try"), noKeys.problem());
    }

    /** The SSH connection the command came in on, as sshd tells it: the laptop's address and port, the VM's. */
    private static String connectionOf(RemoteHost h) {
        Result r = h.run(List.of("printenv", "SSH_CONNECTION"));
        assertTrue(r.ok(), r.stderr());
        return r.stdout().strip();
    }

    private String throughKept(SshOptions o) {
        try (RemoteHost h = SshConnector.connect(tester(vm.identity()), o)) {
            return connectionOf(h);
        }
    }

    /**
     * The PID of the target's holder, once it listens (a command that connected directly started it); not {@code
     * killed}'s, whose PID file and socket a SIGKILL left behind.
     */
    private long awaitHolder(long killed) throws Exception {
        Path folder = home.resolve(".cache/littlehub/ssh");
        for (int i = 0; i < 600; i++) {
            try (var files = Files.list(folder)) {
                Optional<Path> pid =
                        files.filter(f -> f.toString().endsWith(".pid")).findFirst();
                if (pid.isPresent()
                        && Files.exists(folder.resolve(
                                pid.get().getFileName().toString().replace(".pid", ".sock")))) {
                    long listening = Long.parseLong(Files.readString(pid.get()).strip());
                    if (listening != killed) { // a SIGKILLed holder's PID file and socket stay behind
                        return listening;
                    }
                }
            } catch (java.nio.file.NoSuchFileException notYet) {
                // The folder comes with the first command.
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no holder listens in " + folder + ": " + logsIn(folder));
    }

    private static String logs(Path home) {
        try {
            return logsIn(home.resolve(".cache/littlehub/ssh"));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String logsIn(Path folder) throws Exception {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                b.append(Files.readString(f));
            }
        }
        return b.toString();
    }

    private static void awaitGone(long pid) throws Exception {
        for (int i = 0;
                i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "holder " + pid + " still runs");
    }

    @Test
    void theSecondCommandReusesTheKeptConnectionAndAKilledHolderFallsBackDirectly() throws Exception {
        ScriptedPrompter quiet = ScriptedPrompter.nobody();
        SshOptions o = options().withKeepConnection("30").withPrompter(quiet);
        String first = throughKept(o); // no holder yet: direct, and it starts one
        long holder = awaitHolder(-1);
        String second = throughKept(o);
        String third = throughKept(o);
        assertNotEquals(first, second, "the holder logged in on a connection of its own");
        assertEquals(second, third, () -> "the third command ran on the holder's connection too: " + logs(home));

        ProcessHandle.of(holder).orElseThrow().destroyForcibly();
        awaitGone(holder);
        quiet.shown.clear(); // the first contact recorded the host key
        String afterKill = throughKept(o);
        assertNotEquals(second, afterKill, "a dead holder's socket: a direct connection");
        assertTrue(quiet.shown.isEmpty(), "silently: " + quiet.shown);
        long next = awaitHolder(holder); // the direct command started a new holder
        String viaNext = throughKept(o);
        assertEquals(viaNext, throughKept(o), () -> "the new holder serves: " + logs(home));
        ProcessHandle.of(next).ifPresent(ProcessHandle::destroy);
        awaitGone(next);

        String off = throughKept(o.withKeepConnection("0"));
        assertNotEquals(throughKept(o.withKeepConnection("0")), off, "LITTLEHUB_KEEP_CONNECTION=0: each connects");
    }

    @Test
    void aHostKeyChangedInKnownHostsEndsTheKeptConnection() throws Exception {
        SshOptions o = options().withKeepConnection("30");
        throughKept(o);
        long holder = awaitHolder(-1);
        throughKept(o);
        Path knownHosts = home.resolve(".ssh/known_hosts");
        String line = Files.readString(knownHosts).strip();
        Path other = TestKeys.generate(home.resolve("other_host_key"), "ed25519", "");
        String otherBlob = TestKeys.publicLine(other).split(" ")[1];
        Files.writeString(knownHosts, line.substring(0, line.lastIndexOf(' ') + 1) + otherBlob + "\n");

        SshFailure changed = assertThrows(SshFailure.class, () -> throughKept(o));
        assertTrue(changed.problem().contains("has CHANGED"), changed.problem());
        awaitGone(holder);
    }

    /**
     * {@code provision USER@HOST -i KEY --yes} (~/.ssh/known_hosts, new keys accepted) leaves a holder; the later
     * {@code --hub NAME} commands (the inventory's own known_hosts naming the same key, asking for a new one) run on it.
     * A command whose known_hosts names another key for the VM is not served by it: it connects itself and is refused.
     */
    @Test
    void provisionAndTheHubsLaterCommandsShareOneHolderOnlyForTheSameHostKey() throws Exception {
        SshOptions provision = options().withKeepConnection("30");
        String first = throughKept(provision);
        long holder = awaitHolder(-1);
        Path inventoryKnownHosts = home.resolve("inventory/known_hosts");
        Files.createDirectories(inventoryKnownHosts.getParent());
        Files.copy(home.resolve(".ssh/known_hosts"), inventoryKnownHosts);
        SshOptions hub =
                options().withKeepConnection("30").withAcceptNewHostKeys(false).withKnownHosts(inventoryKnownHosts);
        String viaHub = throughKept(hub);
        assertNotEquals(first, viaHub, "the holder logged in on a connection of its own");
        assertEquals(viaHub, throughKept(provision), () -> "one holder for both: " + logs(home));
        try (var files = Files.list(home.resolve(".cache/littlehub/ssh"))) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".sock")).count(), "one holder");
        }

        String line = Files.readString(inventoryKnownHosts).strip();
        Path other = TestKeys.generate(home.resolve("other_host_key"), "ed25519", "");
        Files.writeString(
                inventoryKnownHosts,
                line.substring(0, line.lastIndexOf(' ') + 1)
                        + TestKeys.publicLine(other).split(" ")[1] + "\n");
        SshFailure changed = assertThrows(SshFailure.class, () -> throughKept(hub));
        assertTrue(changed.problem().contains("has CHANGED"), changed.problem());
        assertEquals(viaHub, throughKept(provision), "the holder still serves the file that names its key");
        ProcessHandle.of(holder).ifPresent(ProcessHandle::destroy);
        awaitGone(holder);
    }
}
