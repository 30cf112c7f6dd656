package io.littlehub.cli.cloudinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.guides.LocalLittlehub;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.provision.Provisioner;
import io.littlehub.cli.provision.VmFiles;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.cli.transport.SshTarget;
import io.littlehub.common.ExitCodes;
import io.littlehub.testvm.Vm;
import io.littlehub.testvm.junit.TestVm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's proof: `littlehub cloud-init`'s user data, applied by Debian's own cloud-init (NoCloud seed, its stages
 * run by hand in a fresh test VM), leaves a VM that `littlehub provision` accepts as the new user with the teacher's
 * key and passwordless sudo, and whose firewall lets in 22, 80 and 443 only, judged by effect from the host.
 */
class CloudInitIT {
    private static final int PROBE_PORT = 8888;

    @TestVm(backend = "nspawn")
    static Vm vm;

    enum Reach {
        OPEN,
        REFUSED,
        DROPPED
    }

    @Test
    void theUserDataReadiesAFreshVmThatProvisionAccepts() throws Exception {
        long start = System.nanoTime();
        Path laptop = Files.createTempDirectory("littlehub-cloudinit-it");
        Path key = laptop.resolve("id_ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "teacher@laptop", "-f", key.toString());
        LocalLittlehub littlehub = new LocalLittlehub();
        assertEquals(
                ExitCodes.OK, littlehub.run("cloud-init", "--user", "teacher", "--key", key + ".pub"), littlehub.err());
        String userData = littlehub.out();

        // nspawn VM in slot N: 10.23.N.2 on the host's veth (test-vms HostNat); addressed directly, no port forwarding.
        String address = "10.23." + vm.state().slot() + ".2";
        vm.check(
                "sudo",
                "systemd-run",
                "--unit",
                "lh-probe",
                "python3",
                "-m",
                "http.server",
                String.valueOf(PROBE_PORT));
        awaitOpen(address, PROBE_PORT);

        vm.check("sudo", "apt-get", "update", "-q");
        vm.check(
                "sudo",
                "env",
                "DEBIAN_FRONTEND=noninteractive",
                "apt-get",
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "cloud-init");
        // The test's own settings, not the user data's: only the NoCloud seed, the VM's network and name left as nspawn
        // made them, and no locale (this minimal image has no `locales` package, which every cloud image has).
        VmFiles.writeAsRoot(
                vm,
                "/etc/cloud/cloud.cfg.d/99-littlehub-test.cfg",
                "datasource_list: [NoCloud]\nnetwork: {config: disabled}\npreserve_hostname: true\nlocale: false\n");
        VmFiles.writeAsRoot(vm, "/var/lib/cloud/seed/nocloud/meta-data", "instance-id: littlehub-cloudinit-it\n");
        VmFiles.writeAsRoot(vm, "/var/lib/cloud/seed/nocloud/user-data", userData);
        long applied = System.nanoTime();
        for (List<String> stage : List.of(
                List.of("clean", "--logs"),
                List.of("init", "--local"),
                List.of("init"),
                List.of("modules", "--mode", "config"),
                List.of("modules", "--mode", "final"))) {
            vm.check(concat(List.of("sudo", "cloud-init"), stage));
        }
        System.out.printf("cloud-init stages: %d ms%n", (System.nanoTime() - applied) / 1_000_000);
        String result = vm.check("sudo", "cat", "/run/cloud-init/result.json");
        assertTrue(result.replaceAll("\\s", "").contains("\"errors\":[]"), "cloud-init reported errors: " + result);

        assertEquals(Reach.OPEN, reach(address, 22), "SSH comes in");
        assertEquals(
                Reach.REFUSED,
                reach(address, 80),
                "HTTP comes in (nothing listens yet, so the VM itself answers with a reset)");
        assertEquals(Reach.REFUSED, reach(address, 443), "HTTPS comes in");
        assertEquals(
                "active",
                vm.check("systemctl", "is-active", "lh-probe").strip(),
                "the probe still listens on " + PROBE_PORT);
        assertEquals(Reach.DROPPED, reach(address, PROBE_PORT), "any other port is dropped by the firewall");
        assertEquals(
                "enabled",
                vm.check("systemctl", "is-enabled", Firewall.UNIT).strip(),
                "the firewall comes back at boot");
        assertTrue(
                vm.check("sudo", "sshd", "-T").contains("passwordauthentication no"),
                "password logins over SSH are off");

        Path home = laptop.resolve("home");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new Provisioner(
                        new PrintStream(out, true, StandardCharsets.UTF_8), new HubRegistry(home.resolve("registry")))
                .run(
                        new Provisioner.Request(
                                new SshTarget("teacher", "127.0.0.1", vm.sshPort(), key),
                                List.of("teacher"),
                                null,
                                true,
                                false,
                                false,
                                "cloudinit-hub",
                                null),
                        SshOptions.defaults()
                                .withHome(home)
                                .withKnownHosts(home.resolve("known_hosts"))
                                .withAcceptNewHostKeys(true)
                                .withAgentSocket(null)
                                .withPrompter(ScriptedPrompter.nobody()));
        String report = out.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        assertEquals(ExitCodes.OK, exit, report);
        assertTrue(
                report.contains("Debian") && report.contains("check mode stops here"),
                "facts accepted, then sudo read the agent's checksum without a password: " + report);
        System.out.printf("CloudInitIT: %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    /** OPEN: connected; REFUSED: a reset, so the packet reached the VM's TCP stack; DROPPED: no answer at all. */
    private static Reach reach(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 3000);
            return Reach.OPEN;
        } catch (ConnectException e) {
            return Reach.REFUSED;
        } catch (SocketTimeoutException e) {
            return Reach.DROPPED;
        }
    }

    private static void awaitOpen(String host, int port) throws Exception {
        for (int i = 0; i < 50 && reach(host, port) != Reach.OPEN; i++) {
            Thread.sleep(200);
        }
        assertEquals(
                Reach.OPEN,
                reach(host, port),
                "before the user data, the probe on " + port + " is reachable from the host");
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + output);
    }
}
