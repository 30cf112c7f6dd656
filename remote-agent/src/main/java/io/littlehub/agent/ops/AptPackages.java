package io.littlehub.agent.ops;

import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Debian packages that must be installed. */
public record AptPackages(List<String> packages) implements Operation<Set<String>> {
    @Override
    public Set<String> gather(Machine machine) {
        List<String> argv = new ArrayList<>(List.of("dpkg-query", "-W", "-f=${Package}\t${db:Status-Status}\n"));
        argv.addAll(packages);
        // dpkg-query exits 1 when some package is unknown to dpkg; the known ones are still listed.
        CommandResult r = machine.run(argv);
        Set<String> installed = new HashSet<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 2 && f[1].equals("installed")) {
                installed.add(f[0].replaceAll(":.*$", ""));
            }
        }
        return installed;
    }

    @Override
    public List<Action> plan(Set<String> installed) {
        List<String> missing =
                packages.stream().filter(p -> !installed.contains(p)).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        List<String> install = new ArrayList<>(List.of(
                "apt-get",
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "-o",
                "Dpkg::Options::=--force-confdef",
                "-o",
                "Dpkg::Options::=--force-confold"));
        install.addAll(missing);
        return List.of(new Action.Run(List.of("apt-get", "update", "-q")), new Action.Run(install));
    }
}
