package io.littlehub.cli.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Combines the command line ({@link SshTarget}), ~/.ssh/config ({@link SshConfig}) and the defaults into a
 * {@link ResolvedTarget}, as OpenSSH would: command line first, then the first matching config value, then the
 * default (local user name, port 22, ~/.ssh/id_ed25519, id_ecdsa, id_rsa where they exist).
 */
public final class TargetResolver {
    static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");
    private static final int MAX_HOPS = 5;

    private final SshConfig config;
    private final SshOptions options;

    public TargetResolver(SshConfig config, SshOptions options) {
        this.config = config;
        this.options = options;
    }

    public ResolvedTarget resolve(SshTarget target) {
        return resolve(target, null, 0);
    }

    private ResolvedTarget resolve(SshTarget target, ResolvedTarget forcedJump, int depth) {
        if (depth > MAX_HOPS) {
            throw new SshFailure(
                    "ProxyJump goes through more than " + MAX_HOPS + " hosts (a loop in ~/.ssh/config?)",
                    "check the ProxyJump lines in your ~/.ssh/config");
        }
        String alias = target.host();
        HostConfig hc = config.lookup(alias);
        Path home = options.home();
        String user = first(target.user(), hc.user(), options.localUser());
        int port = target.port() != null ? target.port() : hc.port() != null ? hc.port() : 22;
        String hostName = hc.hostName() != null ? Tokens.percent(hc.hostName(), Map.of('h', alias)) : alias;
        Map<Character, String> tokens = Map.of(
                'h',
                hostName,
                'p',
                Integer.toString(port),
                'r',
                user,
                'u',
                options.localUser(),
                'n',
                alias,
                'd',
                home.toString());

        List<Path> ids = new ArrayList<>();
        if (target.identity() != null) {
            Path id = Path.of(Tokens.tilde(target.identity().toString(), home));
            if (!Files.isRegularFile(id)) {
                throw new SshFailure(
                        "the identity file " + id + " does not exist",
                        "check the path given with -i (the private key, not the .pub file)");
            }
            ids.add(id);
        }
        for (String f : hc.identityFiles()) {
            if (!f.equalsIgnoreCase("none")) {
                ids.add(Path.of(Tokens.expand(f, home, tokens)));
            }
        }
        if (ids.isEmpty()) {
            for (String name : DEFAULT_KEYS) {
                Path p = home.resolve(".ssh").resolve(name);
                if (Files.isRegularFile(p)) {
                    ids.add(p);
                }
            }
        }

        String agent = options.agentSocket();
        if (hc.identityAgent() != null) {
            String a = hc.identityAgent();
            if (a.equalsIgnoreCase("none")) {
                agent = null;
            } else if (!a.equals("SSH_AUTH_SOCK")) {
                agent = a.startsWith("$") ? System.getenv(a.substring(1)) : Tokens.expand(a, home, tokens);
            }
        }

        ResolvedTarget jump = forcedJump;
        if (jump == null && hc.proxyJump() != null && !hc.proxyJump().equalsIgnoreCase("none")) {
            String[] hops = hc.proxyJump().split(",");
            for (String hop : hops) {
                jump = resolve(parseHop(hop.strip()), jump, depth + 1);
            }
        } else if (jump == null
                && hc.proxyCommand() != null
                && !hc.proxyCommand().equalsIgnoreCase("none")) {
            throw new SshFailure(
                    "~/.ssh/config sets 'ProxyCommand " + hc.proxyCommand() + "' for " + alias
                            + ", which littlehub does not support",
                    "use 'ProxyJump user@jumphost[:port]' for this host instead");
        }

        Path knownHosts = options.knownHosts();
        if (knownHosts == null) {
            knownHosts = hc.userKnownHostsFile() != null
                    ? Path.of(Tokens.expand(hc.userKnownHostsFile(), home, tokens))
                    : home.resolve(".ssh/known_hosts");
        }
        ResolvedTarget.HostKeyPolicy policy = ResolvedTarget.HostKeyPolicy.ASK;
        String strict = hc.strictHostKeyChecking() == null
                ? "ask"
                : hc.strictHostKeyChecking().toLowerCase(Locale.ROOT);
        if (strict.equals("yes")) {
            policy = ResolvedTarget.HostKeyPolicy.STRICT;
        } else if (strict.equals("accept-new") || strict.equals("no") || strict.equals("off")) {
            policy = ResolvedTarget.HostKeyPolicy.ACCEPT_NEW;
        }
        if (options.acceptNewHostKeys()) {
            policy = ResolvedTarget.HostKeyPolicy.ACCEPT_NEW;
        }
        return new ResolvedTarget(
                alias,
                hostName,
                port,
                user,
                List.copyOf(ids),
                Boolean.TRUE.equals(hc.identitiesOnly()),
                agent,
                jump,
                knownHosts,
                policy,
                hc.warnings());
    }

    /** A ProxyJump hop: {@code [user@]host[:port]} (IPv6 in brackets). */
    static SshTarget parseHop(String hop) {
        String s = hop.startsWith("ssh://") ? hop.substring(6) : hop;
        String userPart = "";
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            userPart = s.substring(0, at + 1);
            s = s.substring(at + 1);
        }
        Integer port = null;
        int colon = s.lastIndexOf(':');
        if (colon > 0 && (s.startsWith("[") ? s.charAt(colon - 1) == ']' : s.indexOf(':') == colon)) {
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new SshFailure("ProxyJump '" + hop + "' has a bad port", "write it as user@host:port");
            }
            s = s.substring(0, colon);
        }
        return SshTarget.parse(userPart + s, port, null);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
