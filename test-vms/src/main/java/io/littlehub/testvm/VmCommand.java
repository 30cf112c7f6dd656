package io.littlehub.testvm;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code test-vms/vm}: the harness for people. Each subcommand parses its arguments and calls {@link TestVms}. */
@Command(
        name = "vm",
        mixinStandardHelpOptions = true,
        description = "Disposable Debian test VMs for littlehub (systemd-nspawn, QEMU or Docker).",
        subcommands = {
            VmCommand.Up.class,
            VmCommand.Down.class,
            VmCommand.Reset.class,
            VmCommand.ListVms.class,
            VmCommand.SshArgs.class,
            VmCommand.Snap.class,
            VmCommand.SnapDelete.class,
            VmCommand.Sweep.class,
            VmCommand.Packages.class
        })
public final class VmCommand {
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new VmCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("vm: " + (e instanceof HarnessException ? e.getMessage() : e.toString()));
            return 1;
        });
        System.exit(cl.execute(args));
    }

    @Command(
            name = "up",
            description = "Boot the VM (or reuse it if running) and print one line of JSON describing it.")
    static final class Up implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--backend", defaultValue = "nspawn", description = "nspawn (default), qemu or docker")
        String backend;

        @Option(names = "--image", defaultValue = "debian-12", description = "debian-12 (default) or debian-13")
        String image;

        @Option(names = "--from", description = "start from this snapshot")
        String snapshot;

        @Option(
                names = "--home-disk-mb",
                description = "nspawn: /home is an ext4 filesystem of this many MiB of its own (a loop device)")
        Integer homeDiskMb;

        @Option(
                names = "--home-disk-fs",
                description =
                        "with --home-disk-mb: the filesystem, ext4 (default) or btrfs (quota groups: limits.disk)")
        String homeDiskFs;

        @Override
        public Integer call() {
            TestVms vms = TestVms.open();
            Vm vm = vms.up(
                    name, new TestVms.UpOptions(backend, Distro.parse(image), snapshot, false, homeDiskMb, homeDiskFs));
            // The folder lives and goes with the VM: `littlehub try` keeps the VM's known_hosts there.
            System.out.println(vm.state()
                    .infoJson(Map.of("folder", vms.workspace().vm(name).toString())));
            return 0;
        }
    }

    @Command(name = "down", description = "Stop and delete the VM; nothing of it stays on the host.")
    static final class Down implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            TestVms.open().down(name);
            return 0;
        }
    }

    @Command(
            name = "reset",
            description = "Throw away every change and boot the VM again as first started; prints its JSON.")
    static final class Reset implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            System.out.println(TestVms.open().reset(name).state().infoJson());
            return 0;
        }
    }

    @Command(name = "list", description = "One line of JSON per VM, with \"running\".")
    static final class ListVms implements Callable<Integer> {
        @Override
        public Integer call() {
            TestVms vms = TestVms.open();
            for (VmState vm : vms.list()) {
                System.out.println(vm.infoJson(Map.of("running", vms.isRunning(vm))));
            }
            return 0;
        }
    }

    @Command(
            name = "ssh-args",
            hidden = true,
            description = "The ssh client's arguments for the VM, NUL-separated (used by the vm script).")
    static final class SshArgs implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            VmState vm = TestVms.open().list().stream()
                    .filter(v -> v.name().equals(name))
                    .findFirst()
                    .orElseThrow(() ->
                            new HarnessException("no VM named " + name + ": `test-vms/vm up " + name + "` boots one"));
            List<String> args = List.of(
                    "-i",
                    vm.identity(),
                    "-p",
                    Integer.toString(vm.sshPort()),
                    "-o",
                    "StrictHostKeyChecking=no",
                    "-o",
                    "UserKnownHostsFile=/dev/null",
                    "-o",
                    "LogLevel=ERROR",
                    vm.user() + "@127.0.0.1");
            System.out.print(String.join("\0", args) + "\0");
            return 0;
        }
    }

    @Command(name = "snapshot", description = "Save the VM's current state as a snapshot that `up --from` starts from.")
    static final class Snap implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "VM")
        String vm;

        @Parameters(index = "1", paramLabel = "SNAPSHOT")
        String snapshot;

        @Override
        public Integer call() {
            TestVms.open().snapshot(vm, snapshot);
            return 0;
        }
    }

    @Command(name = "snapshot-delete", description = "Delete a snapshot no VM uses.")
    static final class SnapDelete implements Callable<Integer> {
        @Parameters(paramLabel = "SNAPSHOT")
        String snapshot;

        @Override
        public Integer call() {
            TestVms.open().deleteSnapshot(snapshot);
            return 0;
        }
    }

    @Command(
            name = "sweep",
            description = "Clean up what killed harnesses left behind (every command does this first).")
    static final class Sweep implements Callable<Integer> {
        @Override
        public Integer call() {
            TestVms.open();
            return 0;
        }
    }

    @Command(
            name = "host-packages",
            description = "Install the Debian packages the harness needs on this machine"
                    + " (asks on a terminal; names them on other systems).")
    static final class Packages implements Callable<Integer> {
        @Option(
                names = "--backend",
                paramLabel = "NAME",
                description = "only what this backend needs (nspawn, qemu, docker)")
        String backend;

        @Option(names = "--tests", description = "everything `mvn -B verify` needs (the default)")
        boolean tests;

        @Option(names = "--yes", description = "install without asking")
        boolean yes;

        @Override
        public Integer call() {
            if (backend != null && tests) {
                throw new HarnessException("--backend and --tests exclude each other: pick one");
            }
            boolean forTests = backend == null;
            HostPackageInstall.ensure(
                    forTests ? HostPackages.forTests() : HostPackages.forBackend(backend),
                    forTests ? "the tests" : "the " + backend + " backend",
                    yes,
                    System.out);
            return 0;
        }
    }
}
