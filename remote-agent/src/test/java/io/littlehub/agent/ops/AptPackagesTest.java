package io.littlehub.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.FakeMachine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 20: an apt task fetches the package lists only when littlehub's last update is not recent enough. */
class AptPackagesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");
    private static final String MARK = "/run/littlehub-apt-lists-updated";
    private static final List<String> UPDATE = AptCommandLines.UPDATE;

    private static List<List<String>> commands(FakeMachine vm) {
        AptPackages op = new AptPackages(List.of("nodejs", "git"), Clock.fixed(NOW, ZoneOffset.UTC));
        return op.plan(op.gather(vm)).stream().map(a -> ((Action.Run) a).argv()).toList();
    }

    private static FakeMachine vm() {
        return new FakeMachine()
                .answer(List.of("dpkg-query"), new CommandResult(1, "nodejs\tinstalled\n", ""))
                .file("/etc/apt/sources.list", NOW.minus(Duration.ofDays(30)))
                .directory("/etc/apt/sources.list.d")
                .file("/etc/apt/sources.list.d/debian.sources", NOW.minus(Duration.ofDays(30)));
    }

    private static List<String> installGit() {
        return AptCommandLines.install("git");
    }

    @Test
    void listsNeverUpdatedByLittlehubAreFetchedAndTheUpdateMarksThem() {
        assertEquals(List.of(UPDATE, installGit()), commands(vm()));
    }

    @Test
    void listsUpdatedAMinuteAgoAreUsedAsTheyAre() {
        assertEquals(List.of(installGit()), commands(vm().file(MARK, NOW.minus(Duration.ofMinutes(1)))));
    }

    @Test
    void listsOlderThanTenMinutesAreFetchedAgain() {
        assertEquals(List.of(UPDATE, installGit()), commands(vm().file(MARK, NOW.minus(Duration.ofMinutes(11)))));
    }

    @Test
    void aSourceChangedSinceTheUpdateFetchesTheListsAgain() {
        FakeMachine vm = vm().file(MARK, NOW.minus(Duration.ofMinutes(2)))
                .file("/etc/apt/sources.list.d/caddy.sources", NOW.minus(Duration.ofMinutes(1)));
        assertEquals(List.of(UPDATE, installGit()), commands(vm));
        FakeMachine edited = vm().file(MARK, NOW.minus(Duration.ofMinutes(2)))
                .file("/etc/apt/sources.list", NOW.minus(Duration.ofMinutes(1)));
        assertEquals(List.of(UPDATE, installGit()), commands(edited));
    }

    @Test
    void nothingMissingNeedsNoListsAtAll() {
        FakeMachine vm = vm().answer(List.of("dpkg-query"), FakeMachine.ok("nodejs\tinstalled\ngit\tinstalled\n"));
        assertEquals(List.of(), commands(vm));
    }
}
