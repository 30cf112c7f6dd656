package io.littlehub.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exit codes ({@code ExitCodes}) a command returns: its help lists them with their meanings ({@link ExitCodeHelp}).
 * On a command class, or on a subcommand method (else the method's class answers for it).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ExitsWith {
    int[] value();

    /** Exit codes that are not littlehub's own (another program's, passed through), in words; listed last. */
    String others() default "";
}
