package io.littlehub.cli.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * Logs in with public keys, in OpenSSH's order: the ssh-agent's keys (only those matching the identity files when
 * {@code IdentitiesOnly yes}), then the identity files (asking for passphrases through the {@link Prompter}).
 * On failure, says which keys were tried.
 */
final class Authenticator {
    /** How long one login attempt may take: long enough for a person to type a passphrase. */
    private static final int INTERACTIVE_AUTH_TIMEOUT_MS = 5 * 60_000;

    private Authenticator() {}

    static void login(SSHClient client, ResolvedTarget target, Prompter prompter) {
        List<String> tried = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int timeout = client.getTransport().getTimeoutMs();
        if (prompter.canAsk()) {
            client.getTransport().setTimeoutMs(INTERACTIVE_AUTH_TIMEOUT_MS);
        }
        AgentClient agent = null;
        try {
            if (target.agentSocket() != null) {
                try {
                    agent = AgentClient.open(target.agentSocket());
                    Set<String> allowed = target.identitiesOnly() ? publicBlobs(target.identityFiles()) : null;
                    for (AgentClient.Identity id : agent.identities()) {
                        if (allowed != null
                                && !allowed.contains(Base64.getEncoder().encodeToString(id.blob()))) {
                            continue;
                        }
                        if (attempt(client, target, new AgentAuthMethod(agent, id), id.toString(), tried, notes)) {
                            return;
                        }
                    }
                } catch (IOException e) {
                    notes.add(e.getMessage());
                }
            }
            for (Path file : target.identityFiles()) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                KeyPassphrase passphrase = new KeyPassphrase(file, prompter);
                KeyProvider keys;
                try {
                    keys = client.loadKeys(file.toString(), passphrase);
                } catch (IOException | RuntimeException e) {
                    notes.add(file + " could not be read as a private key (" + e.getMessage() + ")");
                    continue;
                }
                boolean ok = attempt(client, target, new OneAlgorithmPublickey(keys), file.toString(), tried, notes);
                if (ok) {
                    return;
                }
                if (passphrase.gaveUp()) {
                    notes.add(file + " is protected by a passphrase and none was given");
                } else if (passphrase.wasAsked()) {
                    notes.add("the passphrase for " + file + " was wrong or the key was refused");
                }
            }
        } finally {
            if (agent != null) {
                try {
                    agent.close();
                } catch (IOException ignored) {
                    // Nothing left to do with it.
                }
            }
            client.getTransport().setTimeoutMs(timeout);
        }
        throw denied(client, target, tried, notes);
    }

    private static boolean attempt(
            SSHClient client,
            ResolvedTarget target,
            AuthMethod method,
            String name,
            List<String> tried,
            List<String> notes) {
        tried.add(name);
        try {
            client.auth(target.user(), method);
            return true;
        } catch (UserAuthException e) {
            // A refusal has no cause; a cause is a local problem (the agent would not sign, a key did not decrypt).
            if (e.getCause() != null && method instanceof AgentAuthMethod) {
                notes.add(name + ": " + e.getCause().getMessage());
            }
            return false;
        } catch (TransportException e) {
            throw new SshFailure(
                    "the connection to " + target + " broke during login: " + e.getMessage(),
                    "try again; if it keeps happening, check the VM's sshd log (journalctl -u ssh)",
                    e);
        }
    }

    static SshFailure denied(SSHClient client, ResolvedTarget target, List<String> tried, List<String> notes) {
        String methods = String.join(",", client.getUserAuth().getAllowedMethods());
        String problem = "Permission denied (" + (methods.isEmpty() ? "publickey" : methods) + ") for " + target.user()
                + "@" + target.knownHostsName() + ": "
                + (tried.isEmpty()
                        ? "no keys to try (no -i, no IdentityFile, no ~/.ssh/id_ed25519, id_ecdsa or id_rsa, no ssh-agent)"
                        : "tried keys " + String.join(", ", tried))
                + (notes.isEmpty() ? "" : ". " + String.join("; ", notes));
        String fix = tried.isEmpty()
                ? "create a key with ssh-keygen -t ed25519 and put its .pub line in ~" + target.user()
                        + "/.ssh/authorized_keys on the VM, or pass the key with -i"
                : "check -i (or IdentityFile in ~/.ssh/config) or ssh-add, and that the key's .pub line is in ~"
                        + target.user() + "/.ssh/authorized_keys on the VM, and that the user name (" + target.user()
                        + ") is right";
        return new SshFailure(problem, fix);
    }

    /** The base64 blobs of the .pub files next to the identity files (for IdentitiesOnly). */
    private static Set<String> publicBlobs(List<Path> files) {
        Set<String> out = new HashSet<>();
        for (Path f : files) {
            Path pub = Path.of(f + ".pub");
            try {
                if (Files.isRegularFile(pub)) {
                    String[] parts = Files.readString(pub).trim().split("\\s+");
                    if (parts.length >= 2) {
                        out.add(parts[1]);
                    }
                }
            } catch (IOException ignored) {
                // Without a .pub the agent key cannot be matched; the file itself is still tried.
            }
        }
        return out;
    }

    /**
     * sshj's publickey method, but offering only the first algorithm for the key (rsa-sha2-512 for RSA) instead of
     * retrying every algorithm: an unauthorized RSA key would otherwise use up three of the server's MaxAuthTries.
     */
    private static final class OneAlgorithmPublickey extends AuthPublickey {
        OneAlgorithmPublickey(KeyProvider keys) {
            super(keys);
        }

        @Override
        public boolean shouldRetry() {
            return false;
        }
    }
}
