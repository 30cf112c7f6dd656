package io.littlehub.cli.provision;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;

/**
 * Other littlehub releases, built in the test from this build's agent: the same code with another version number
 * (and, where a test needs it, other pins or templates). The agent reads its version, pins and templates from its own
 * resources, so such a jar installs and behaves as that release would.
 */
final class ReleaseJars {
    private static final String VERSION = "io/littlehub/common/version.properties";
    static final String PINS = "io/littlehub/agent/playbooks/versions.yaml";
    static final String HUB_CONFIG_TEMPLATE = "io/littlehub/agent/templates/jupyterhub_config.py.ftl";

    private ReleaseJars() {}

    /** This build's agent as release {@code version}, with {@code edits} (entry name → text change) applied. */
    static byte[] release(String version, Map<String, UnaryOperator<String>> edits) {
        Map<String, UnaryOperator<String>> all = new LinkedHashMap<>(edits);
        all.put(VERSION, text -> "version=" + version + "\n");
        Set<String> done = new HashSet<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(AgentPush.agentJar()));
                JarOutputStream jar = new JarOutputStream(out, in.getManifest())) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                byte[] bytes = in.readAllBytes();
                UnaryOperator<String> edit = all.get(e.getName());
                if (edit != null) {
                    String before = new String(bytes, StandardCharsets.UTF_8);
                    String after = edit.apply(before);
                    if (after.equals(before)) {
                        throw new IllegalStateException(
                                "the edit of " + e.getName() + " changed nothing: the test's edit is out of date");
                    }
                    bytes = after.getBytes(StandardCharsets.UTF_8);
                    done.add(e.getName());
                }
                jar.putNextEntry(new JarEntry(e.getName()));
                jar.write(bytes);
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!done.containsAll(all.keySet())) {
            throw new IllegalStateException("the agent jar has no "
                    + all.keySet().stream().filter(n -> !done.contains(n)).toList());
        }
        return out.toByteArray();
    }
}
