package io.littlehub.testvm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code test-vms/bench-vm}: prints image build, boot-to-SSH and reset times for each backend. Figures, not assertions. */
@Command(name = "bench-vm", mixinStandardHelpOptions = true, description = "Measure the test-VM backends.")
public final class Bench implements Callable<Integer> {
    @Option(
            names = "--backend",
            split = ",",
            defaultValue = "nspawn,qemu,docker",
            description = "backends to measure (default: all)")
    List<String> backends;

    @Option(names = "--runs", defaultValue = "3", description = "boots and resets per backend; medians are printed")
    int runs;

    @Option(
            names = "--rebuild",
            description = "build the image afresh in a scratch workspace and time it (about 2 minutes)")
    boolean rebuild;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        TestVms vms = TestVms.open();
        System.out.printf(
                "%-7s %-22s %-14s %-15s %-10s%n", "backend", "image build", "boot to SSH", "reality check", "reset");
        for (String name : backends) {
            Backend backend = vms.backend(name);
            try {
                backend.checkHost();
            } catch (HarnessException e) {
                System.out.printf("%-7s skipped: %s%n", name, e.getMessage());
                continue;
            }
            String build = buildTime(vms, backend);
            List<Long> boot = new ArrayList<>();
            List<Long> check = new ArrayList<>();
            List<Long> reset = new ArrayList<>();
            String vmName = "bench-" + name;
            try {
                Vm vm = vms.up(
                        vmName, TestVms.UpOptions.defaults().withBackend(name).owned(true));
                boot.add(vm.timings().bootToSshMillis());
                check.add(vm.timings().realityCheckMillis());
                vm.close();
                for (int i = 0; i < runs; i++) {
                    long t = System.nanoTime();
                    Vm again = vms.reset(vmName);
                    reset.add((System.nanoTime() - t) / 1_000_000);
                    boot.add(again.timings().bootToSshMillis());
                    check.add(again.timings().realityCheckMillis());
                    again.close();
                }
            } finally {
                vms.down(vmName);
            }
            System.out.printf(
                    "%-7s %-22s %-14s %-15s %-10s%n",
                    name, build, seconds(median(boot)), seconds(median(check)), seconds(median(reset)));
        }
        System.out.println("(medians over " + (runs + 1) + " boots and " + runs
                + " resets; reset = stop, wipe the layer, boot, reality check)");
        return 0;
    }

    private String buildTime(TestVms vms, Backend backend) throws IOException {
        if (rebuild && !backend.name().equals("docker")) {
            Path scratch = Files.createTempDirectory(vms.workspace().root().getParent(), "bench-image-");
            try {
                long t = System.nanoTime();
                new ImageBuilder(new Workspace(scratch)).ensure(Distro.DEBIAN_12);
                return seconds((System.nanoTime() - t) / 1_000_000) + " (fresh)";
            } finally {
                HostMounts.deleteTree(scratch);
            }
        }
        Image image = backend.image(Distro.DEBIAN_12);
        JsonNode info = VmState.JSON.readTree(image.buildInfo().toFile());
        return info.has("build_seconds") ? info.get("build_seconds").asText() + " s (when built)" : "cached";
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }
}
