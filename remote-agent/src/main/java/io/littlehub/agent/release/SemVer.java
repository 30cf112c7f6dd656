package io.littlehub.agent.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A littlehub release's version, MAJOR.MINOR.PATCH, and the rule of which upgrades are allowed. */
public record SemVer(int major, int minor, int patch) implements Comparable<SemVer> {
    private static final Pattern FORM =
            Pattern.compile("(0|[1-9][0-9]{0,5})\\.(0|[1-9][0-9]{0,5})\\.(0|[1-9][0-9]{0,5})");

    public static SemVer parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not a littlehub version: use MAJOR.MINOR.PATCH, like 0.6.0");
        }
        return new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        c = c != 0 ? c : Integer.compare(minor, o.minor);
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    /**
     * Why {@code from} cannot be upgraded to {@code to} in one step, with the steps to take; empty when it can. One
     * minor version at a time (a patch release of the same minor, or any patch of the next minor; a new major only
     * from the last minor before it, which the teacher's CLI tells), because each release migrates from the one
     * before it only.
     */
    public static Optional<String> refusal(SemVer from, SemVer to) {
        if (to.compareTo(from) < 0) {
            return Optional.of(
                    "the hub runs littlehub " + from + ", newer than " + to + ": a downgrade is `littlehub rollback`"
                            + " (to the release before the last upgrade), or this laptop's littlehub is old: install littlehub "
                            + from);
        }
        if (to.major == from.major && (to.minor == from.minor || to.minor == from.minor + 1)) {
            return Optional.empty();
        }
        if (to.major == from.major + 1 && to.minor == 0) {
            return Optional.empty();
        }
        List<String> steps = new ArrayList<>();
        if (to.major == from.major) {
            for (int minor = from.minor + 1; minor < to.minor; minor++) {
                steps.add(from.major + "." + minor + ".x");
            }
        } else {
            steps.add("the last " + from.major + ".x release");
            for (int major = from.major + 1; major < to.major; major++) {
                steps.add(major + ".0.x, then the last " + major + ".x release");
            }
            for (int minor = 0; minor < to.minor; minor++) {
                steps.add(to.major + "." + minor + ".x");
            }
        }
        return Optional.of("littlehub upgrades one minor version at a time: " + from + " → " + to + " skips "
                + String.join(", ", steps) + ". Upgrade with littlehub " + String.join(", then ", steps)
                + " first (install that release's littlehub and run `littlehub upgrade`), then with this one");
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
