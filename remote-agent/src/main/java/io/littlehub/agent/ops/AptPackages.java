package io.littlehub.agent.ops;

import io.littlehub.common.AptLists;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.FileStamp;
import io.littlehub.common.machine.Machine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Debian packages that must be installed. The package lists are fetched first ({@code apt-get update}) unless an update
 * littlehub ran succeeded less than {@link AptLists#FRESH_FOR} ago and no apt source changed since ({@link AptLists}):
 * each update is a round trip to every mirror and a re-read of the lists, paid up to three times in a fresh provision.
 */
public record AptPackages(List<String> packages, Clock clock) implements Operation<AptPackages.Facts> {
    private static final String SOURCES = "/etc/apt/sources.list";
    private static final String SOURCES_DIR = "/etc/apt/sources.list.d";

    public AptPackages(List<String> packages) {
        this(packages, Clock.systemUTC());
    }

    /** {@code installed}: of the packages, those dpkg has installed; {@code listsFresh}: no update needed first. */
    public record Facts(Set<String> installed, boolean listsFresh) {
        /** A machine with none of the packages and lists to fetch. */
        public static Facts nothing() {
            return new Facts(Set.of(), false);
        }
    }

    @Override
    public Facts gather(Machine machine) {
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
        return new Facts(installed, listsFresh(machine));
    }

    private boolean listsFresh(Machine machine) {
        Optional<Instant> updated = machine.stamp(AptLists.UPDATED_MARK).map(FileStamp::modified);
        if (updated.isEmpty() || updated.get().isBefore(clock.instant().minus(AptLists.FRESH_FOR))) {
            return false;
        }
        List<String> sources = new ArrayList<>(List.of(SOURCES));
        machine.list(SOURCES_DIR).forEach(name -> sources.add(SOURCES_DIR + "/" + name));
        return sources.stream()
                .map(machine::stamp)
                .flatMap(Optional::stream)
                .noneMatch(s -> s.modified().isAfter(updated.get()));
    }

    @Override
    public List<Action> plan(Facts facts) {
        List<String> missing =
                packages.stream().filter(p -> !facts.installed().contains(p)).toList();
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
        if (facts.listsFresh()) {
            return List.of(new Action.Run(install));
        }
        List<String> update = new ArrayList<>(List.of("apt-get", "update", "-q"));
        update.addAll(AptLists.MARK_ON_SUCCESS);
        return List.of(new Action.Run(update), new Action.Run(install));
    }
}
