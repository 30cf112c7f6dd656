package io.littlehub.agent;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code littlehub-agent read-only-training}: runs the commands the laptop's read-only commands run ({@code status},
 * {@code students}, {@code config get}) one after another in this JVM, the run that trains the hub's agent's
 * class-data archive ({@code class_data_archive} in the provision playbook): each command builds only its own part of
 * the command tree ({@link AgentMain#commandLine}), so training on {@code status} alone left the others' classes to
 * load from the jar. Changes nothing; what the commands print and return does not matter here.
 */
@Command(name = "read-only-training", hidden = true, description = "Runs status, students and config get (training).")
final class ReadOnlyTraining implements Callable<Integer> {
    static final List<List<String>> RUNS =
            List.of(List.of("status"), List.of("students"), List.of("config", "get", "users.admin"));

    @Override
    public Integer call() {
        for (List<String> run : RUNS) {
            String[] args = run.toArray(String[]::new);
            AgentMain.commandLine(args).execute(args);
        }
        return 0;
    }
}
