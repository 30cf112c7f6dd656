package io.littlehub.cli.hubconfig;

import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.ConfigProblem;
import io.littlehub.common.config.ConfigValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code littlehub config validate FILE}: the hub's own validator, on the laptop; no VM needed. */
public final class LocalValidation {
    private final ConfigContext ctx;

    public LocalValidation(ConfigContext ctx) {
        this.ctx = ctx;
    }

    public int run(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            ctx.err().println("littlehub: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<ConfigProblem> problems = new ConfigValidator().validate(text);
        problems.forEach(p -> ctx.out().println(file + ": " + p));
        if (!problems.isEmpty()) {
            return ExitCodes.INVALID_CONFIG;
        }
        ctx.out().println(file + ": valid");
        return ExitCodes.OK;
    }
}
