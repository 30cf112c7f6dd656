package io.littlehub.cli.passwords;

import java.security.SecureRandom;

/**
 * A password littlehub makes up for the teacher to hand on: four groups of five characters from an alphabet without
 * look-alikes (no i, l, o, 0, 1), about 99 bits, easy to read aloud and type.
 */
public final class GeneratedPassword {
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedPassword() {}

    public static String next() {
        StringBuilder s = new StringBuilder(23);
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                s.append('-');
            }
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
