package io.littlehub.agent.config;

import io.littlehub.agent.AgentJar;
import io.littlehub.agent.Fingerprint;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The config text this agent last found good (validated, completed with what only the VM knows, validated again as a
 * change), kept as a fingerprint of the agent's code and the text, root's alone. A converge of that very text by the
 * same agent (a re-run with nothing to change) does not run the validator again: the text and the rules are the same,
 * so the answer is too. Another agent (an upgrade, a new build), another text (an edit by hand on the VM) or no file
 * and the validator runs.
 */
public final class ValidatedConfig {
    public static final String FILE = "/var/lib/littlehub/validated-config";

    private final Machine machine;
    private final String file;
    private final Optional<String> code;

    /** {@code code}: what tells this agent's code from another's ({@link AgentJar#stamp}); empty: nothing is kept. */
    public ValidatedConfig(Machine machine, String file, Optional<String> code) {
        this.machine = machine;
        this.file = file;
        this.code = code;
    }

    public static ValidatedConfig onThisMachine() {
        Machine machine = new LocalMachine();
        return new ValidatedConfig(machine, FILE, AgentJar.stamp(machine));
    }

    /** Whether this agent found {@code text} good before (and kept it). */
    public boolean holds(String text) {
        return code.isPresent()
                && machine.read(file)
                        .map(b -> new String(b, StandardCharsets.UTF_8).strip())
                        .filter(Fingerprint.of(code.get(), text)::equals)
                        .isPresent();
    }

    /** Keeps {@code text} as the last one found good (in place of the one before). */
    public void remember(String text) {
        code.ifPresent(c -> machine.write(
                file, (Fingerprint.of(c, text) + "\n").getBytes(StandardCharsets.UTF_8), "root", "root", 0600));
    }
}
