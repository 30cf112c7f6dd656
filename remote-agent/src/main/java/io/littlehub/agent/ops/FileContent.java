package io.littlehub.agent.ops;

import io.littlehub.common.machine.FileState;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.machine.Machine;
import io.littlehub.common.text.TextDiff;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A file with exact content (a rendered template or literal text), owner, group and mode. */
public record FileContent(String path, String content, String owner, String group, int mode)
        implements Operation<FileContent.Facts> {
    public record Facts(Optional<FileState> state, String current) {}

    @Override
    public Facts gather(Machine machine) {
        Optional<FileState> st = machine.stat(path);
        String current = st.isPresent() && !st.get().directory()
                ? machine.read(path)
                        .map(b -> new String(b, StandardCharsets.UTF_8))
                        .orElse(null)
                : null;
        return new Facts(st, current);
    }

    @Override
    public List<Action> plan(Facts facts) {
        if (facts.state().isEmpty()
                || !LocalMachine.sha256(content.getBytes(StandardCharsets.UTF_8))
                        .equals(facts.state().get().sha256())) {
            return List.of(new Action.WriteFile(path, content, owner, group, mode, false));
        }
        FileState f = facts.state().get();
        if (!f.owner().equals(owner) || !f.group().equals(group) || f.mode() != mode) {
            return List.of(new Action.SetAttributes(path, owner, group, mode));
        }
        return List.of();
    }

    /**
     * The change as a unified diff, except for a file others may not read (jupyterhub_config.py, 0600, holds the
     * auth's passwords and client secrets): a diff goes into events, the terminal and logs, so only its name is shown.
     */
    @Override
    public String diff(Facts facts) {
        String before = facts.current() == null ? "" : facts.current();
        if (before.equals(content)) {
            return "";
        }
        if ((mode & 0004) == 0) {
            return "--- " + path + "\n+++ " + path
                    + "\n(changed; not shown: only its owner may read this file, it may hold secrets)\n";
        }
        return TextDiff.unified(path, before, content);
    }
}
