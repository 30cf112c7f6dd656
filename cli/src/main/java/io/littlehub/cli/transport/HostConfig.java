package io.littlehub.cli.transport;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ~/.ssh/config settings littlehub uses for one host, unexpanded (tokens and ~ are expanded by
 * {@link TargetResolver}). Null means "not set".
 */
public record HostConfig(
        String hostName,
        String user,
        Integer port,
        List<String> identityFiles,
        Boolean identitiesOnly,
        String identityAgent,
        String proxyJump,
        String proxyCommand,
        String userKnownHostsFile,
        String strictHostKeyChecking,
        List<String> warnings) {

    static HostConfig of(Map<String, List<String>> first, List<String> identityFiles, List<String> warnings) {
        Integer port = null;
        String p = one(first, "port");
        if (p != null) {
            try {
                port = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new SshFailure(
                        "the SSH config says 'Port " + p + "', which is not a number",
                        "fix the Port line in your ~/.ssh/config");
            }
        }
        String only = one(first, "identitiesonly");
        return new HostConfig(
                one(first, "hostname"),
                one(first, "user"),
                port,
                List.copyOf(identityFiles),
                only == null ? null : only.toLowerCase(Locale.ROOT).equals("yes"),
                one(first, "identityagent"),
                one(first, "proxyjump"),
                first.containsKey("proxycommand") ? String.join(" ", first.get("proxycommand")) : null,
                one(first, "userknownhostsfile"),
                one(first, "stricthostkeychecking"),
                List.copyOf(warnings));
    }

    private static String one(Map<String, List<String>> first, String key) {
        List<String> v = first.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
