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
        long t = System.nanoTime();
        Vm vm = ProvisionedHub.boot(vmName);
        System.out.printf("%s: provisioned hub up in %d ms%n", vmName, (System.nanoTime() - t) / 1_000_000);
        Path home = Files.createTempDirectory("littlehub-laptop");
        String base = "http://127.0.0.1:" + vm.httpPort();
        new HubRegistry(home.resolve("registry")).remember(new Hub("test-hub", "127.0.0.1", vm.sshPort(), vm.user(), vm.identity().toString(), base + "/"));
        new HubClient(base).awaitHub(Duration.ofSeconds(120));
        return new TeacherLaptop(vm, home, base);
    }

    /** What the commands see: this laptop's registry and known_hosts, no ssh-agent, nobody to answer prompts. */
    public ConfigContext context(PrintStream out, PrintStream err, Map<String, String> env) {
        return new ConfigContext(new HubRegistry(home.resolve("registry")),
                SshOptions.defaults().withHome(home).withKnownHosts(home.resolve("known_hosts")).withAcceptNewHostKeys(true).withAgentSocket(null),
                out, err, ScriptedPrompter.nobody(), env);
    }

    @Override
    public void close() {
        vm.close();
        TestVms.open().down(vm.name());
    }
}
