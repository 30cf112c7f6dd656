package io.littlehub.cli.sizing;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory or disk size as the hub config writes it ({@code 512M}, {@code 1G}, {@code 1.5G}): the same grammar and
 * binary multiples as {@code limits.memory} in the config schema, so a number from {@code littlehub size} can go
 * straight into the config.
 */
public final class Size {
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]*(\\.[0-9]+)?|0\\.[0-9]*[1-9][0-9]*)([KMGT])");
    public static final long GIB = 1L << 30;

    private Size() {}

    /** The size in bytes; {@code option} names the option in the message when {@code text} is not a size. */
    public static long parse(String option, String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    option + " \"" + text + "\" is not a size: use a number with K, M, G or T, like 512M or 2G");
        }
        int shift = switch (m.group(3)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 40;
        };
        return new BigDecimal(m.group(1))
                .multiply(BigDecimal.valueOf(1L << shift))
                .setScale(0, java.math.RoundingMode.CEILING)
                .longValueExact();
    }

    /** Bytes as GiB for people: {@code 1 GiB}, {@code 1.5 GiB}, {@code 512 MiB} (below 1 GiB). */
    public static String human(long bytes) {
        if (bytes < GIB) {
            return BigDecimal.valueOf(bytes)
                            .divide(BigDecimal.valueOf(1L << 20), 1, java.math.RoundingMode.CEILING)
                            .stripTrailingZeros()
                            .toPlainString()
                    + " MiB";
        }
        return BigDecimal.valueOf(bytes)
                        .divide(BigDecimal.valueOf(GIB), 2, java.math.RoundingMode.CEILING)
                        .stripTrailingZeros()
                        .toPlainString()
                + " GiB";
    }

    /** Whole GiB, rounded up. */
    public static long ceilGib(long bytes) {
        return (bytes + GIB - 1) / GIB;
    }
}
