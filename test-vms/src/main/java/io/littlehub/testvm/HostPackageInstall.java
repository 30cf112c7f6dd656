package io.littlehub.testvm;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Carries out {@link HostPackages#plan}: says what is missing, asks on a terminal (or not, with {@code --yes}), runs
 * apt-get with its output shown, and checks again. Anything it cannot do ends in a {@link HarnessException} that says
 * exactly what to install.
 */
public final class HostPackageInstall {
    private HostPackageInstall() {}

    /**
     * Makes sure {@code needs} are on this machine. {@code purpose} names who needs them ("littlehub try"); {@code yes}
     * installs without asking.
     */
    public static void ensure(List<HostPackages.Need> needs, String purpose, boolean yes, PrintStream out) {
        HostPackages.Plan plan = HostPackages.plan(HostPackages.missingHere(needs), HostPackages.thisHost(), purpose);
        if (plan.satisfied()) {
            return;
        }
        if (plan.instruction() != null) {
            throw new HarnessException(plan.instruction());
        }
        String install = String.join(" ", plan.commands().get(plan.commands().size() - 1));
        out.println("This machine lacks packages " + purpose + " needs: "
                + String.join(
                        ", ",
                        plan.missing().stream().map(HostPackages.Need::describe).toList()));
        if (!yes && !confirm("Install them now (" + install + ")? [y/N] ")) {
            throw new HarnessException("not installed: " + String.join(" ", plan.packages()) + ". Run again with --yes"
                    + " to install them, or as root: " + install);
        }
        for (List<String> argv : plan.commands()) {
            run(argv);
        }
        List<HostPackages.Need> still = HostPackages.missingHere(needs);
        if (!still.isEmpty()) {
            throw new HarnessException("still missing after " + install + ": "
                    + String.join(
                            ", ",
                            still.stream().map(HostPackages.Need::describe).toList()));
        }
        out.println("Installed " + String.join(" ", plan.packages()) + ".");
    }

    /** Asks on the terminal; without one (a script, CI) the answer is no. */
    private static boolean confirm(String question) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("%s", question);
        return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(java.util.Locale.ROOT));
    }

    private static void run(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            int exit = pb.start().waitFor();
            if (exit != 0) {
                throw new HarnessException(String.join(" ", argv) + " failed (exit " + exit + "): its output is above");
            }
        } catch (IOException e) {
            throw new HarnessException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while running " + String.join(" ", argv), e);
        }
    }
}
