package io.littlehub.common.text;

import java.util.ArrayList;
import java.util.List;

/** A minimal unified diff of two texts (line-based LCS), for {@code --diff}. Config files are small. */
public final class TextDiff {
    private TextDiff() {
    }

    public static String unified(String name, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder("--- " + name + " (before)\n+++ " + name + " (after)\n");
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.append('+').append(b.get(j++)).append('\n');
            } else {
                out.append('-').append(a.get(i++)).append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> lines(String s) {
        return s.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(s.split("\n", -1)));
    }
}
