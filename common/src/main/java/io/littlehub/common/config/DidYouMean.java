package io.littlehub.common.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The known word a typo most likely meant: close in spelling (transpositions count once), or contained in it. */
public final class DidYouMean {
    private DidYouMean() {}

    public static Optional<String> closest(String typed, Collection<String> known) {
        String t = normal(typed);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(t, normal(k));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.max(1, Math.min(3, t.length() / 3))) {
            return Optional.of(best);
        }
        // "jupyterlab" for "lab", "ldaps" for "ldap": the longest known word inside what was typed, or around it.
        String inside = null;
        for (String k : known) {
            String n = normal(k);
            if (n.length() >= 3
                    && t.length() >= 3
                    && (t.contains(n) || n.contains(t))
                    && (inside == null || k.length() > inside.length())) {
                inside = k;
            }
        }
        return Optional.ofNullable(inside);
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
