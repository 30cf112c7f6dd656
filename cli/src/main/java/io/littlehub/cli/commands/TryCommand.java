package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.localvm.LocalVm;
import io.littlehub.cli.localvm.LocalVmLauncher;
import io.littlehub.cli.provision.Provisioner;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.cli.transport.SshTarget;
import io.littlehub.common.ExitCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code littlehub try}: a hub on a local test VM, for a teacher without a cloud account yet. */
@Command(
        name = "try",
        mixinStandardHelpOptions = true,
        description = "Boot a local test VM (Linux, root) and provision a hub on it; prints the URL and login.")
@ExitsWith({ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNREACHABLE, ExitCodes.UNSUPPORTED})
public final class TryCommand implements Callable<Integer> {
    @Option(
            names = "--admin",
            paramLabel = "NAME",
            defaultValue = "admin",
            description = "the hub admin (default: ${DEFAULT-VALUE})")
    String admin;

    @Option(
            names = "--backend",
            defaultValue = "nspawn",
            description = "test VM backend: nspawn (default), qemu or docker")
    String backend;

    @Option(names = "--vm", defaultValue = "littlehub-try", description = "test VM name (default: ${DEFAULT-VALUE})")
    String vmName;

    @Option(names = "--yes", description = "install the packages the local VM needs without asking")
    boolean yes;

    @Option(names = "--stop", description = "stop and delete the local test VM (and its hub) instead")
    boolean stop;

    @Override
    public Integer call() {
        LocalVmLauncher launcher = LocalVmLauncher.find();
        if (stop) {
            return launcher.down(vmName) == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }
        launcher.hostPackages(backend, yes);
        LocalVm vm = launcher.up(vmName, backend);
        System.out.println("Test VM " + vm.name() + " is up (ssh -p " + vm.sshPort() + " -i " + vm.identity() + " "
                + vm.user() + "@" + vm.host() + ")");
        String url = "http://127.0.0.1:" + vm.httpPort() + "/";
        SshTarget target = new SshTarget(vm.user(), vm.host(), vm.sshPort(), Path.of(vm.identity()));
        int exit = new Provisioner(System.out, HubRegistry.fromEnvironment())
                .run(
                        new Provisioner.Request(target, List.of(admin), null, false, false, false, vmName, url),
                        SshOptions.defaults()
                                .withAcceptNewHostKeys(true)
                                .withKnownHosts(vm.knownHosts())
                                .withAgentSocket(null));
        if (exit == ExitCodes.OK) {
            System.out.println(
                    "Stop it with: littlehub try --stop" + (vmName.equals("littlehub-try") ? "" : " --vm " + vmName));
        }
        return exit;
    }
}
