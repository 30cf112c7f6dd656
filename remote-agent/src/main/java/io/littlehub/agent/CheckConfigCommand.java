package io.littlehub.agent;

import io.littlehub.agent.config.ConfigProblem;
import io.littlehub.agent.config.ConfigValidator;
import io.littlehub.agent.config.Layout;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code littlehub-agent check-config [FILE]}: says what is wrong with a hub config, changing nothing. */
@Command(name = "check-config", description = "Check a hub config file; exit 1 when it has problems.")
final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "hub config (default: " + Layout.CONFIG_FILE + ")")
    Path file = Path.of(Layout.CONFIG_FILE);

    @Override
    public Integer call() throws Exception {
        String text = Files.isRegularFile(file) ? Files.readString(file) : "";
        List<ConfigProblem> problems = new ConfigValidator().validate(text);
        if (problems.isEmpty()) {
            System.out.println(file + ": ok");
            return 0;
        }
        report(file, problems, "", System.out);
        return 1;
    }

    static void report(Path file, List<ConfigProblem> problems, String outcome, PrintStream out) {
        out.println(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + outcome + ":");
        problems.forEach(p -> out.println("  " + p));
    }
}
