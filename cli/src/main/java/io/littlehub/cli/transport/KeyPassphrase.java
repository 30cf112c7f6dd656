package io.littlehub.cli.transport;

import java.nio.file.Path;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Supplies the passphrase of an encrypted key file by asking through the {@link Prompter}, at most three times.
 * sshj asks only when the server has accepted the public key, like OpenSSH.
 */
final class KeyPassphrase implements PasswordFinder {
    private static final int ATTEMPTS = 3;
    private final Path keyFile;
    private final Prompter prompter;
    private int asked;
    private boolean gaveUp;

    KeyPassphrase(Path keyFile, Prompter prompter) {
        this.keyFile = keyFile;
        this.prompter = prompter;
    }

    @Override
    public char[] reqPassword(Resource<?> resource) {
        asked++;
        char[] answer = prompter.canAsk() ? prompter.secret("Enter passphrase for key '" + keyFile + "': ") : null;
        if (answer == null) {
            gaveUp = true;
            return new char[0];
        }
        return answer;
    }

    @Override
    public boolean shouldRetry(Resource<?> resource) {
        return !gaveUp && asked < ATTEMPTS;
    }

    /** True when the key turned out to be encrypted (a passphrase was asked for). */
    boolean wasAsked() {
        return asked > 0;
    }

    /** True when no passphrase could be had (no terminal, or an empty answer). */
    boolean gaveUp() {
        return gaveUp;
    }
}
