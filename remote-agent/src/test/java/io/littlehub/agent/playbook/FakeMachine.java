package io.littlehub.agent.playbook;

import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.FileState;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** An in-memory machine: files in a map, programs answered by a function; records every program it ran. */
final class FakeMachine implements Machine {
    final Map<String, byte[]> files = new HashMap<>();
    final Map<String, FileState> attrs = new HashMap<>();
    final List<List<String>> ran = new ArrayList<>();
    Function<List<String>, CommandResult> programs = argv -> new CommandResult(0, "", "");

    @Override
    public CommandResult run(List<String> argv) {
        ran.add(argv);
        return programs.apply(argv);
    }

    @Override
    public CommandResult run(List<String> argv, Consumer<String> progress) {
        CommandResult r = run(argv);
        r.stdout().lines().forEach(progress);
        return r;
    }

    @Override
    public CommandResult run(List<String> argv, byte[] stdin) {
        return run(argv);
    }

    @Override
    public Optional<FileState> stat(String path) {
        return Optional.ofNullable(attrs.get(path));
    }

    @Override
    public Optional<byte[]> read(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public void write(String path, byte[] content, String owner, String group, int mode) {
        files.put(path, content);
        attrs.put(path, new FileState(false, owner, group, mode, LocalMachine.sha256(content)));
    }

    @Override
    public void makeDirectory(String path, String owner, String group, int mode) {
        attrs.put(path, new FileState(true, owner, group, mode, null));
    }

    @Override
    public void setAttributes(String path, String owner, String group, int mode) {
        FileState f = attrs.get(path);
        attrs.put(path, new FileState(f.directory(), owner, group, mode, f.sha256()));
    }

    String text(String path) {
        return new String(files.get(path), StandardCharsets.UTF_8);
    }
}
