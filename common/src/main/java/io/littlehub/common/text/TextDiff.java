package io.littlehub.common.text;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/**
 * The unified diff of two texts, for {@code --diff} and {@code config edit}: {@code @@} hunks with 3 lines of
 * context around each change, so an added {@code memory: 2G} shows the {@code limits:} it sits under. Empty when no
 * line differs.
 */
public final class TextDiff {
    private static final int CONTEXT = 3;

    private TextDiff() {}

    public static String unified(String name, String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> lines =
                UnifiedDiffUtils.generateUnifiedDiff(name + " (before)", name + " (after)", a, patch, CONTEXT);
        return String.join("\n", lines) + "\n";
    }
}
