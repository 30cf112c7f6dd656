package io.littlehub.cli.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Checks the server's host key against an OpenSSH known_hosts file (plain and hashed entries; sshj's
 * {@link OpenSSHKnownHosts} does the matching). A known key passes silently. An unknown host is handled by the
 * {@link ResolvedTarget.HostKeyPolicy}: asked through the {@link Prompter} with its SHA256 fingerprint, accepted
 * ({@code --yes}), or refused; an accepted key is appended as a plain {@code host type base64} line
 * ({@code [host]:port} for ports other than 22). A changed key is always refused; {@link #rejection()} then holds
 * the explanation.
 */
public final class KnownHostsVerifier extends OpenSSHKnownHosts {
    private final Path file;
    private final ResolvedTarget.HostKeyPolicy policy;
    private final Prompter prompter;
    private final String yesOption;
    private volatile SshFailure rejection;
    private volatile PublicKey accepted;

    /** {@code yesOption}: the running command's option that accepts a new key, or null (it has none). */
    public KnownHostsVerifier(Path file, ResolvedTarget.HostKeyPolicy policy, Prompter prompter, String yesOption)
            throws IOException {
        super(file.toFile());
        this.file = file;
        this.policy = policy;
        this.prompter = prompter;
        this.yesOption = yesOption;
    }

    /** The host key this verifier last accepted, or null. */
    PublicKey accepted() {
        return accepted;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        boolean ok = super.verify(hostname, port, key);
        if (ok) {
            accepted = key;
        }
        return ok;
    }

    /**
     * Whether {@code file} still names {@code key} as the key of the host, asking nobody and recording nothing: what a
     * kept connection checks before each command ({@link ConnectionHolder}), so a key changed or removed since it
     * connected ends it.
     */
    static boolean stillNames(Path file, String hostname, int port, PublicKey key) {
        try {
            return new KnownHostsVerifier(file, ResolvedTarget.HostKeyPolicy.STRICT, Prompter.NOBODY, null)
                    .verify(hostname, port, key);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The keys {@code file} names for the host, each as {@code [@marker ]type base64}, sorted (whatever the host part:
     * plain, a pattern list or hashed): what a command would accept from it, so commands whose files name the same keys
     * share a kept connection ({@link HeldTarget#sharing}). Empty when none, or the file cannot be read. Read as text,
     * not through sshj, whose parsing decodes every key and so registers its crypto provider (a tenth of a second of
     * CPU that a command through a kept connection never needs otherwise).
     */
    static List<String> namedKeys(Path file, String hostname, int port) {
        String host = port == 22 ? hostname : "[" + hostname + "]:" + port; // as OpenSSHKnownHosts.verify names it
        List<String> named = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.strip().split("\\s+");
                int at = f[0].startsWith("@") ? 1 : 0; // @revoked, @cert-authority
                if (!f[0].startsWith("#") && f.length >= at + 3 && names(f[at], host)) {
                    named.add((at == 1 ? f[0] + " " : "") + f[at + 1] + " " + f[at + 2]);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        Collections.sort(named);
        return named;
    }

    /** Whether a known_hosts line's host part names {@code host}: a pattern list, or OpenSSH's |1|salt|HMAC-SHA1. */
    private static boolean names(String hostPart, String host) {
        if (!hostPart.startsWith("|1|")) {
            return HostPatterns.matches(host, List.of(hostPart.split(",")));
        }
        String[] saltAndHash = hostPart.substring(3).split("\\|");
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(Base64.getDecoder().decode(saltAndHash[0]), "HmacSHA1"));
            return saltAndHash.length == 2
                    && MessageDigest.isEqual(
                            hmac.doFinal(host.getBytes(StandardCharsets.UTF_8)),
                            Base64.getDecoder().decode(saltAndHash[1]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // not a hash OpenSSH wrote: it names no host
        }
    }

    /** Why the last host key was refused, or null. */
    public SshFailure rejection() {
        return rejection;
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        String type = Fingerprints.typeLabel(key);
        String fp = Fingerprints.sha256(key);
        switch (policy) {
            case STRICT -> {
                rejection = new SshFailure(
                        "the host key of " + hostname + " (" + type + " " + fp + ") is not in " + file
                                + ", and ~/.ssh/config says StrictHostKeyChecking yes",
                        "check the fingerprint on the VM (ssh-keygen -lf /etc/ssh/ssh_host_"
                                + type.toLowerCase(java.util.Locale.ROOT)
                                + "_key.pub in the provider's web console), then " + acceptOnce());
                return false;
            }
            case ACCEPT_NEW -> {
                return record(
                        hostname,
                        key,
                        "Permanently added '" + hostname + "' (" + type + " " + fp + ") to " + file + ".");
            }
            default -> {
                if (!prompter.canAsk()) {
                    rejection = new SshFailure(
                            "the host key of " + hostname + " is not known yet (" + type + " " + fp
                                    + ") and there is no terminal to ask whether to trust it",
                            "check the fingerprint, then " + acceptOnce());
                    return false;
                }
                boolean accepted = prompter.dialogue(() -> {
                    prompter.info("The authenticity of host '" + hostname + "' can't be established.\n" + type
                            + " key fingerprint is " + fp + ".");
                    return prompter.confirm("Are you sure you want to continue connecting?");
                });
                if (accepted) {
                    return record(
                            hostname, key, "Permanently added '" + hostname + "' (" + type + ") to " + file + ".");
                }
                rejection = new SshFailure(
                        "you did not accept the host key of " + hostname + " (" + type + " " + fp + ")",
                        "compare the fingerprint with the one the VM shows (ssh-keygen -lf /etc/ssh/ssh_host_"
                                + type.toLowerCase(java.util.Locale.ROOT)
                                + "_key.pub, e.g. in the provider's web console), then answer yes");
                return false;
            }
        }
    }

    /** How to accept the key once, with what this command offers: its --yes, else a run on a terminal. */
    private String acceptOnce() {
        return yesOption != null
                ? "run again with " + yesOption + " to record it in " + file
                : "run the command once on a terminal and answer yes (it records the key in " + file + "), or,"
                        + " without a terminal, set `StrictHostKeyChecking accept-new` for the host in ~/.ssh/config";
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        List<String> known = new ArrayList<>();
        for (KnownHostEntry e : entries()) {
            try {
                if (e.appliesTo(hostname) && e.getType() != KeyType.UNKNOWN) {
                    known.add(describe(e));
                }
            } catch (IOException ignored) {
                // An unreadable entry says nothing about this host.
            }
        }
        String removeCmd = "ssh-keygen -R '" + hostname + "'"
                + (file.equals(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"))
                        ? ""
                        : " -f '" + file + "'");
        rejection = new SshFailure(
                "WARNING: the host key of " + hostname + " has CHANGED. " + file + " has "
                        + String.join(", ", known) + "; the server now presents " + Fingerprints.typeLabel(key) + " "
                        + Fingerprints.sha256(key)
                        + ". Either someone is intercepting the connection (a man-in-the-middle "
                        + "attack), or the VM was rebuilt or reinstalled and has new host keys. littlehub refuses to connect.",
                "if you rebuilt or reinstalled the VM, remove the old key with: " + removeCmd
                        + " and connect again; otherwise do not connect, and check the VM from your provider's console");
        return false;
    }

    private String describe(KnownHostEntry e) {
        String line = e.getLine();
        String[] parts = line.trim().split("\\s+");
        String typeName = e.getType().toString();
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals(typeName)) {
                try {
                    String fp = Fingerprints.sha256(Base64.getDecoder().decode(parts[i + 1]));
                    return Fingerprints.typeLabel(typeName) + " " + fp + lineNumber(parts[i + 1]);
                } catch (IllegalArgumentException ignored) {
                    break;
                }
            }
        }
        return Fingerprints.typeLabel(typeName) + " key";
    }

    private String lineNumber(String base64) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(base64)) {
                    return " (line " + (i + 1) + ")";
                }
            }
        } catch (IOException ignored) {
            // Only a detail of the message.
        }
        return "";
    }

    private boolean record(String hostname, PublicKey key, String message) {
        String line = hostname + " " + KeyType.fromKey(key) + " "
                + Base64.getEncoder().encodeToString(Fingerprints.blob(key));
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(
                            dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException ignored) {
                    // Not a POSIX file system.
                }
            }
            String prefix = "";
            if (Files.exists(file) && Files.size(file) > 0) {
                byte[] all = Files.readAllBytes(file);
                if (all[all.length - 1] != '\n') {
                    prefix = "\n";
                }
            }
            Files.writeString(
                    file,
                    prefix + line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            entries().add(new HostEntry(null, hostname, KeyType.fromKey(key), key));
        } catch (IOException e) {
            rejection = new SshFailure(
                    "cannot record the host key of " + hostname + " in " + file + ": " + e.getMessage(),
                    "check that " + file + " and its folder are writable");
            return false;
        }
        prompter.info(message);
        return true;
    }
}
