package io.littlehub.cli;

import io.littlehub.common.ExitCodes;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Puts every command's exit codes into its help, generated from {@link ExitCodes}, so help and code cannot drift. */
public final class ExitCodeHelp {
    private ExitCodeHelp() {}

    /** {@code command} and every subcommand below it; a command without {@link ExitsWith} is a programming error. */
    public static void addTo(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        ExitsWith exits = declared(spec);
        Map<String, String> list = new LinkedHashMap<>();
        for (int code : exits.value()) {
            list.put(Integer.toString(code), ExitCodes.meaning(code));
        }
        if (!exits.others().isEmpty()) {
            list.put("other", exits.others());
        }
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(list);
        command.getSubcommands().values().stream().distinct().forEach(ExitCodeHelp::addTo);
    }

    /** The codes {@code spec} declares: its method's, else its class's. */
    public static ExitsWith declared(CommandSpec spec) {
        Object user = spec.userObject();
        AnnotatedElement[] places = user instanceof Method m
                ? new AnnotatedElement[] {m, m.getDeclaringClass()}
                : new AnnotatedElement[] {user.getClass()};
        for (AnnotatedElement place : places) {
            ExitsWith exits = place.getAnnotation(ExitsWith.class);
            if (exits != null) {
                return exits;
            }
        }
        throw new IllegalStateException(spec.qualifiedName() + " declares no @ExitsWith");
    }
}
