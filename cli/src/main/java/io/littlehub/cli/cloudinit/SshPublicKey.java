package io.littlehub.cli.cloudinit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * One OpenSSH public key line ({@code ssh-ed25519 AAAA… comment}), checked: a known type whose base64 blob decodes
 * and names that same type, so a truncated paste or a private key never ends up in authorized_keys.
 */
public record SshPublicKey(String type, String base64, String comment) {
    static final List<String> TYPES = List.of(
            "ssh-ed25519",
            "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521",
            "ssh-rsa",
            "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    /** The authorized_keys line. */
    public String line() {
        return comment.isEmpty() ? type + " " + base64 : type + " " + base64 + " " + comment;
    }

    /** Reads {@code file} (a {@code .pub} file with one key); the error names the file and the fix. */
    public static SshPublicKey read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    "--key " + file + ": no such file: give your public key file, like ~/.ssh/id_ed25519.pub"
                            + " (make one with: ssh-keygen -t ed25519)");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--key " + file + ": cannot read it (" + e.getMessage() + "): give a readable public key file");
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--key " + file + ": " + e.getMessage());
        }
    }

    public static SshPublicKey parse(String text) {
        if (text.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException(
                    "this is a private key, which must never leave your laptop: give the matching .pub file");
        }
        List<String> lines = text.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        if (lines.size() != 1) {
            throw new IllegalArgumentException(
                    (lines.isEmpty() ? "no key in it" : lines.size() + " lines of keys in it")
                            + ": give a file with exactly one public key line, like ~/.ssh/id_ed25519.pub");
        }
        String[] parts = lines.get(0).split("\\s+", 3);
        if (!TYPES.contains(parts[0]) || parts.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key (it should start with one of "
                    + String.join(", ", TYPES) + "): give a .pub file made by ssh-keygen");
        }
        String blobType;
        try {
            ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(parts[1]));
            byte[] name = new byte[blob.getInt()];
            blob.get(name);
            blobType = new String(name, StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("the key's data is damaged (not valid base64 of a " + parts[0]
                    + " key): copy the .pub file again, whole");
        }
        if (!blobType.equals(parts[0])) {
            throw new IllegalArgumentException("the key says " + parts[0] + " but its data is a \"" + blobType
                    + "\" key: copy the .pub file again, whole");
        }
        return new SshPublicKey(parts[0], parts[1], parts.length > 2 ? parts[2].strip() : "");
    }
}
