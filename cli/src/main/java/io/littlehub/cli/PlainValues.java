package io.littlehub.cli;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for the option types littlehub uses, whose refusals read as plain words: picocli's own name the Java
 * type and its exception ("cannot convert '50%' to BigDecimal (java.lang.NumberFormatException …)").
 */
public final class PlainValues {
    private PlainValues() {}

    /** Registers them on {@code command} and every subcommand it has now. */
    public static void registerOn(CommandLine command) {
        ITypeConverter<Integer> whole = PlainValues::wholeNumber;
        command.registerConverter(Integer.class, whole);
        command.registerConverter(int.class, whole);
        command.registerConverter(BigDecimal.class, PlainValues::decimal);
        command.registerConverter(Path.class, PlainValues::path);
        command.registerConverter(Duration.class, PlainValues::duration);
    }

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    /** A time like {@code 90s}, {@code 2m}, {@code 1m30s} or {@code 1h}. */
    static Duration duration(String value) {
        Matcher m = DURATION.matcher(value.strip());
        if (value.isBlank() || !m.matches()) {
            throw new TypeConversionException(quoted(value) + " is not a time (like 60s, 2m or 1m30s)");
        }
        long seconds = 0;
        for (int i = 1; i <= 3; i++) {
            seconds = seconds * 60 + (m.group(i) == null ? 0 : Long.parseLong(m.group(i)));
        }
        return Duration.ofSeconds(seconds);
    }

    static Integer wholeNumber(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(quoted(value) + " is not a whole number (like 30)");
        }
    }

    static BigDecimal decimal(String value) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(quoted(value) + " is not a number (like 0.5; no % sign)");
        }
    }

    static Path path(String value) {
        if (value.isBlank()) {
            throw new TypeConversionException("an empty file name");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException(quoted(value) + " is not a file name this system can use");
        }
    }

    private static String quoted(String value) {
        return "'" + value + "'";
    }
}
