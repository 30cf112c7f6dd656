package io.littlehub.testvm;

import java.util.ArrayList;
import java.util.List;

/** What a VM may leave on the host: the tests assert this list is empty after teardown. */
final class Leftovers {
    private Leftovers() {}

    static List<String> of(Workspace ws, VmState vm) {
        List<String> found = new ArrayList<>();
        HostMounts.under(ws.vm(vm.name())).forEach(m -> found.add("mount " + m));
        HostProcesses.matching(c -> c.contains(ws.vm(vm.name()) + "/")
                        || c.contains("TCP:" + HostNat.vmAddress(vm.slot()) + ":")
                        || c.contains("TCP-LISTEN:" + vm.sshPort() + ","))
                .forEach(p -> found.add("process " + p + " " + HostProcesses.cmdline(p)));
        if (HostCommand.run(List.of("ip", "link", "show", NspawnBackend.veth(vm.slot())))
                .ok()) {
            found.add("veth " + NspawnBackend.veth(vm.slot()));
        }
        if (vm.backend().equals("nspawn")) {
            HostCgroups.existing(NspawnBackend.machine(vm.slot())).forEach(d -> found.add("cgroup " + d));
        }
        HostCommand.Result loops =
                HostCommand.run(List.of("losetup", "--list", "--noheadings", "-O", "NAME,BACK-FILE"));
        loops.stdout()
                .lines()
                .filter(l -> l.contains(ws.vm(vm.name()) + "/"))
                .forEach(l -> found.add("loop device " + l.strip()));
        if (java.nio.file.Files.exists(ws.vm(vm.name()))) {
            found.add("folder " + ws.vm(vm.name()));
        }
        return found;
    }

    /** Host-wide state that must be gone once no nspawn VM runs. */
    static List<String> hostWide(Workspace ws) {
        List<String> found = new ArrayList<>();
        if (HostNat.active()) {
            found.add("nft table " + HostNat.TABLE);
        }
        if (java.nio.file.Files.exists(ws.host().resolve("ip_forward.before"))) {
            found.add("ip_forward not restored");
        }
        return found;
    }
}
