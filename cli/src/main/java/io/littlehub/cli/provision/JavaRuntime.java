package io.littlehub.cli.provision;

import io.littlehub.cli.remote.AptCommands;
import io.littlehub.cli.remote.JavaCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.Result;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes sure the VM can run the agent: a Java 17+ runtime, installed from the OS's own packages when missing. */
final class JavaRuntime {
    static final int MIN_MAJOR = 17;
    private static final Pattern VERSION = Pattern.compile("version \"(\\d+)");

    private JavaRuntime() {}

    static int installedMajor(RemoteHost host) {
        Result r = host.run(JavaCommands.version());
        Matcher m = VERSION.matcher(r.stdout() + r.stderr());
        return r.ok() && m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Returns true when it installed something. {@code foundMajor}: the VM's Java as the preflight found it. */
    static boolean ensure(RemoteHost host, int foundMajor, String javaPackage, LaptopSteps steps, boolean check) {
        if (foundMajor >= MIN_MAJOR) {
            return false;
        }
        if (check) {
            return true;
        }
        for (List<String> argv : List.of(AptCommands.update(), AptCommands.install(javaPackage))) {
            StringBuilder errors = new StringBuilder();
            int exit = host.runAsRootStreaming(
                    argv, steps::progress, line -> errors.append(line).append('\n'));
            if (exit != 0) {
                throw new IllegalStateException("`" + String.join(" ", argv) + "` failed (exit " + exit + "):\n"
                        + errors.toString().strip());
            }
        }
        if (installedMajor(host) < MIN_MAJOR) {
            throw new IllegalStateException(
                    javaPackage + " was installed but `java -version` still reports no Java " + MIN_MAJOR + "+");
        }
        return true;
    }
}
