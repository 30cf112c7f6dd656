package io.littlehub.testvm.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test a booted test VM: on a {@code static Vm} field, one VM for the whole class; on an instance field or
 * a {@code Vm} parameter, a fresh one per test. The VM belongs to the test JVM: it goes when the scope ends, and if
 * the JVM is killed the next harness start removes it. A backend this host cannot run (Docker without an engine)
 * skips the test with the reason.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestVmExtension.class)
public @interface TestVm {
    /** VM name; default: derived from the test class and member. */
    String name() default "";

    /** nspawn, qemu or docker; the system property {@code littlehub.testvm.backend} overrides an empty value. */
    String backend() default "";

    String image() default "debian-12";

    /** Start from this snapshot instead of the base image. */
    String snapshot() default "";
}
