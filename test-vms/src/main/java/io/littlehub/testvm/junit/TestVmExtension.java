package io.littlehub.testvm.junit;

import io.littlehub.testvm.Distro;
import io.littlehub.testvm.DockerAvailability;
import io.littlehub.testvm.TestVms;
import io.littlehub.testvm.Vm;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/** Boots and tears down the VMs that {@link TestVm} asks for. */
public final class TestVmExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestVmExtension.class);
    private static TestVms harness;

    static synchronized TestVms harness() {
        if (harness == null) {
            harness = TestVms.open();
        }
        return harness;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        for (Field f : AnnotationSupport.findAnnotatedFields(context.getRequiredTestClass(), TestVm.class)) {
            if (Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                f.set(
                        null,
                        boot(
                                context,
                                f.getAnnotation(TestVm.class),
                                context.getRequiredTestClass().getName() + "#" + f.getName()));
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Object instance = context.getRequiredTestInstance();
        for (Field f : AnnotationSupport.findAnnotatedFields(context.getRequiredTestClass(), TestVm.class)) {
            if (!Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                f.set(
                        instance,
                        boot(
                                context,
                                f.getAnnotation(TestVm.class),
                                context.getRequiredTestClass().getName() + "#" + f.getName() + "#"
                                        + context.getRequiredTestMethod().getName()));
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Vm.class && p.isAnnotated(TestVm.class);
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return boot(e, p.findAnnotation(TestVm.class).orElseThrow(), e.getUniqueId() + "#" + p.getIndex());
    }

    private static Vm boot(ExtensionContext context, TestVm spec, String member) {
        String backend =
                !spec.backend().isEmpty() ? spec.backend() : System.getProperty("littlehub.testvm.backend", "nspawn");
        if (backend.equals("docker") && !DockerAvailability.engineAnswers()) {
            throw new TestAbortedException(
                    "skipped: no Docker engine is reachable on this host (the docker backend needs one)");
        }
        if (!backend.equals("docker") && !"root".equals(System.getProperty("user.name"))) {
            throw new TestAbortedException("skipped: the " + backend + " backend needs root on this host");
        }
        String name = !spec.name().isEmpty() ? spec.name() : "t-" + shortHash(member);
        TestVms.UpOptions options = new TestVms.UpOptions(
                backend, Distro.parse(spec.image()), spec.snapshot().isEmpty() ? null : spec.snapshot(), true);
        Vm vm = harness().up(name, options);
        // JUnit closes AutoCloseable store values when the scope (class or test) ends: that is the teardown.
        context.getStore(NS).put(member, (AutoCloseable) () -> {
            vm.close();
            harness().down(vm.name());
        });
        return vm;
    }

    private static String shortHash(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 10);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
