package io.littlehub.cli.remote;

import java.util.List;

/**
 * {@code littlehub-agent env …}: the users' environment, with the hub's own agent; packages after {@code --}, so none
 * is read as an option (the agent checks each one).
 */
public final class UserEnvCommands {
    private UserEnvCommands() {}

    public static List<String> install(List<String> packages, AgentOptions options) {
        return env("install", List.of(), options, packages);
    }

    public static List<String> remove(List<String> packages, AgentOptions options) {
        return env("remove", List.of(), options, packages);
    }

    public static List<String> list(AgentOptions options) {
        return env("list", List.of(), options, List.of());
    }

    public static List<String> freeze(AgentOptions options) {
        return env("freeze", List.of(), options, List.of());
    }

    /** {@code env rebuild [--pins] [-- N]}: {@code record} null: the newest record. */
    public static List<String> rebuild(Integer record, boolean pins, AgentOptions options) {
        return env("rebuild", pins ? List.of("--pins") : List.of(), options, recordArg(record));
    }

    /** {@code env history [-- N]}: {@code record} null: the list of records. */
    public static List<String> history(Integer record, AgentOptions options) {
        return env("history", List.of(), options, recordArg(record));
    }

    private static List<String> recordArg(Integer record) {
        return record == null ? List.of() : List.of(record.toString());
    }

    private static List<String> env(String verb, List<String> verbOptions, AgentOptions options, List<String> args) {
        return AgentCommands.hubAgent(List.of("env", verb), verbOptions, options, args);
    }
}
