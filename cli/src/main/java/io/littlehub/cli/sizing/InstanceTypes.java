package io.littlehub.cli.sizing;

import java.util.List;
import java.util.Optional;

/**
 * A few real instance types per provider, x86_64, cheapest first by list price as of 2026 (check the provider's
 * page: names and prices change). Memory as the provider states it. {@code diskGb} is the disk that comes with the
 * type, or null where you choose the disk size when you create the VM.
 */
public final class InstanceTypes {
    public record Type(String name, int vcpus, int memoryGib, Integer diskGb) {}

    public record Provider(String id, String title, String guide, List<Type> types) {
        /** The cheapest listed type with at least the CPUs and memory needed; empty when none is big enough. */
        public Optional<Type> match(Sizing.Need need) {
            return types.stream()
                    .filter(t -> t.vcpus() >= need.cpus() && t.memoryGib() >= need.memoryGib())
                    .findFirst();
        }
    }

    public static final String AS_OF = "2026";

    private static Type t(String name, int vcpus, int memoryGib, Integer diskGb) {
        return new Type(name, vcpus, memoryGib, diskGb);
    }

    public static final List<Provider> ALL = List.of(
            new Provider(
                    "digitalocean",
                    "DigitalOcean",
                    "providers/digitalocean.md",
                    List.of(
                            t("s-1vcpu-1gb", 1, 1, 25),
                            t("s-1vcpu-2gb", 1, 2, 50),
                            t("s-2vcpu-2gb", 2, 2, 60),
                            t("s-2vcpu-4gb", 2, 4, 80),
                            t("s-4vcpu-8gb", 4, 8, 160),
                            t("s-8vcpu-16gb", 8, 16, 320),
                            t("m-4vcpu-32gb", 4, 32, 100),
                            t("m-8vcpu-64gb", 8, 64, 200),
                            t("m-16vcpu-128gb", 16, 128, 400))),
            new Provider(
                    "aws",
                    "AWS EC2",
                    "providers/aws.md",
                    List.of(
                            t("t3.small", 2, 2, null),
                            t("t3.medium", 2, 4, null),
                            t("t3.large", 2, 8, null),
                            t("c7i.xlarge", 4, 8, null),
                            t("m7i.xlarge", 4, 16, null),
                            t("r7i.xlarge", 4, 32, null),
                            t("c7i.2xlarge", 8, 16, null),
                            t("m7i.2xlarge", 8, 32, null),
                            t("r7i.2xlarge", 8, 64, null),
                            t("c7i.4xlarge", 16, 32, null),
                            t("m7i.4xlarge", 16, 64, null),
                            t("r7i.4xlarge", 16, 128, null))),
            new Provider(
                    "gcp",
                    "Google Cloud",
                    "providers/google-cloud.md",
                    List.of(
                            t("e2-small", 2, 2, null),
                            t("e2-medium", 2, 4, null),
                            t("e2-standard-2", 2, 8, null),
                            t("e2-highmem-2", 2, 16, null),
                            t("e2-standard-4", 4, 16, null),
                            t("e2-highmem-4", 4, 32, null),
                            t("e2-standard-8", 8, 32, null),
                            t("e2-highmem-8", 8, 64, null),
                            t("e2-standard-16", 16, 64, null),
                            t("e2-highmem-16", 16, 128, null))),
            new Provider(
                    "azure",
                    "Azure",
                    "providers/azure.md",
                    List.of(
                            t("Standard_B1ms", 1, 2, null),
                            t("Standard_B2s", 2, 4, null),
                            t("Standard_B2ms", 2, 8, null),
                            t("Standard_E2s_v5", 2, 16, null),
                            t("Standard_D4s_v5", 4, 16, null),
                            t("Standard_E4s_v5", 4, 32, null),
                            t("Standard_D8s_v5", 8, 32, null),
                            t("Standard_E8s_v5", 8, 64, null),
                            t("Standard_D16s_v5", 16, 64, null),
                            t("Standard_E16s_v5", 16, 128, null))),
            new Provider(
                    "hetzner",
                    "Hetzner Cloud",
                    "providers/hetzner.md",
                    List.of(
                            t("cx23", 2, 4, 40),
                            t("cx33", 4, 8, 80),
                            t("cx43", 8, 16, 160),
                            t("cx53", 16, 32, 320),
                            t("ccx43", 16, 64, 360),
                            t("ccx53", 32, 128, 600),
                            t("ccx63", 48, 192, 960))),
            new Provider(
                    "jetstream2",
                    "Jetstream2",
                    "providers/jetstream2-openstack.md",
                    List.of(
                            t("m3.tiny", 1, 3, 20),
                            t("m3.small", 2, 6, 20),
                            t("m3.quad", 4, 15, 20),
                            t("m3.medium", 8, 30, 60),
                            t("m3.large", 16, 60, 60),
                            t("m3.xl", 32, 125, 60),
                            t("m3.2xl", 64, 250, 60))));

    private InstanceTypes() {}
}
