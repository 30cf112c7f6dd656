package io.littlehub.cli;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
