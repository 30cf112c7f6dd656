package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.remote.PreflightCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The preflight's one answer, as data: the sections the VM printed in, the facts, Java and agent hash out. */
class PreflightTest {
    private static final String HASH = "ab".repeat(32);

    private static List<String> preamble(String java, String sha) {
        List<String> lines = new ArrayList<>();
        for (String section : List.of(
                "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian",
                "MemTotal:        4026532 kB",
                "systemd 252 (252.33-1~deb12u1)\n+PAM +AUDIT",
                "x86_64",
                "   Avail\n53687091200",
                java,
                sha)) {
            if (!section.isEmpty()) {
                lines.addAll(List.of(section.split("\n")));
            }
            lines.add(PreflightCommands.SECTION_END);
        }
        return lines;
    }

    @Test
    void aReadyVmsAnswer() {
        Preflight.Findings f = Preflight.parse(preamble(
                "openjdk version \"17.0.13\" 2024-10-15\nOpenJDK Runtime Environment",
                HASH + "  /opt/littlehub/agent/littlehub-agent.jar"));
        assertEquals("Debian GNU/Linux 12 (bookworm)", f.facts().osName());
        assertEquals(252, f.facts().systemdVersion());
        assertEquals("x86_64", f.facts().architecture());
        assertEquals(53687091200L, f.facts().freeDiskBytes());
        assertEquals(17, f.javaMajor());
        assertEquals(Optional.of(HASH), f.agentHash());
        assertEquals(
                "Debian GNU/Linux 12 (bookworm), x86_64, 3.8 GB RAM, 50.0 GB free on /, systemd 252",
                RemoteFacts.describe(f.facts()));
    }

    @Test
    void theRuntimesReleaseFileGivesTheVersion() {
        Preflight.Findings f = Preflight.parse(preamble(
                "IMPLEMENTOR=\"Debian\"\nJAVA_RUNTIME_VERSION=\"21.0.5+11-Debian\"\nJAVA_VERSION=\"17.0.13\"", HASH));
        assertEquals(17, f.javaMajor());
        Preflight.Findings old = Preflight.parse(preamble("JAVA_VERSION=\"1.8.0_412\"\nOS_NAME=\"Linux\"", HASH));
        assertEquals(1, old.javaMajor(), "Java 8 is too old, as java -version's 1.8.0 said");
    }

    @Test
    void aFreshVmHasNeitherJavaNorTheAgent() {
        Preflight.Findings f = Preflight.parse(preamble("sh: 1: java: not found", ""));
        assertEquals(0, f.javaMajor());
        assertEquals(Optional.empty(), f.agentHash());
    }

    @Test
    void aGarbledAnswerIsRefusedNotGuessed() {
        List<String> cut = preamble("openjdk version \"17\"", HASH).subList(0, 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Preflight.parse(cut));
        assertTrue(e.getMessage().startsWith("the VM's facts came back garbled (1 of 7 sections)"), e.getMessage());
    }

    @Test
    void theScriptReadsEverySectionThenWaitsForTheWordBeforeItRunsTheAgent() {
        List<String> argv = PreflightCommands.factsThenAgent("/opt/a.jar", List.of("java", "-jar", "/opt/a.jar"));
        assertEquals(List.of("sh", "-c"), argv.subList(0, 2));
        assertEquals(List.of("littlehub-preflight", "/opt/a.jar", "java", "-jar", "/opt/a.jar"), argv.subList(3, 8));
        String script = argv.get(2);
        assertTrue(
                script.startsWith("jar=$1; shift; s() { echo --littlehub-preflight-section--; };"
                        + " 'cat' '/etc/os-release'; s; 'cat' '/proc/meminfo'; s; 'systemctl' '--version'; s;"
                        + " 'uname' '-m'; s; 'df' '-B1' '--output=avail' '/'; s; { j=$(command -v java) && r=$(readlink -f \"$j\")"
                        + " && cat \"${r%/bin/java}/release\" 2>/dev/null; } || 'java' '-version' 2>&1; s;"
                        + " sha256sum \"$jar\" 2>/dev/null; s; echo --littlehub-preflight-end--;"),
                script);
        assertTrue(script.endsWith("read -r word || exit 0; [ \"$word\" = run ] || exit 0; exec \"$@\""), script);
    }
}
