package io.littlehub.cli.sizing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code littlehub size}'s output: the figures with how they were reached, then a matching type per provider; or one JSON object. */
public final class SizeReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SizeReport() {}

    public static String text(Sizing.Need need) {
        ClassProfile p = need.profile();
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "%d students, %d at once (%s of the class); each: %s of memory (limits.memory), %s CPU while working, %s of disk%n%n",
                p.students(),
                need.concurrentStudents(),
                p.concurrent().stripTrailingZeros().toPlainString(),
                Size.human(p.memoryPerStudent()),
                p.cpuPerStudent().stripTrailingZeros().toPlainString(),
                Size.human(p.diskPerStudent())));
        s.append(String.format(
                "  memory  %3d GiB   %d × %s + %s for Linux, JupyterHub, the proxy and littlehub's agent%n",
                need.memoryGib(),
                need.concurrentStudents(),
                Size.human(p.memoryPerStudent()),
                Size.human(Sizing.SYSTEM_MEMORY)));
        s.append(String.format(
                "  CPUs    %3d       %d × %s + %s for the hub, rounded up%n",
                need.cpus(),
                need.concurrentStudents(),
                p.cpuPerStudent().stripTrailingZeros().toPlainString(),
                Sizing.HUB_CPU.toPlainString()));
        s.append(String.format(
                "  disk    %3d GiB   %d × %s + %s for the system, littlehub and the users' environment%n%n",
                need.diskGib(), p.students(), Size.human(p.diskPerStudent()), Size.human(Sizing.SYSTEM_DISK)));
        s.append("Matching instance types (the cheapest listed that fits; as of ")
                .append(InstanceTypes.AS_OF)
                .append(": check the provider's page):\n");
        for (InstanceTypes.Provider provider : InstanceTypes.ALL) {
            s.append(String.format("  %-14s ", provider.title()));
            s.append(
                    provider.match(need)
                            .map(t -> String.format(
                                    "%-17s %2d vCPU %4d GB  %s", t.name(), t.vcpus(), t.memoryGib(), diskNote(t, need)))
                            .orElse(
                                    "none listed is big enough: split the class over two hubs, or see the provider's largest types"));
            s.append('\n');
        }
        s.append(String.format(
                "%nAny other VPS: at least %d vCPU, %d GB of memory, %d GB of disk. Guides: providers/*.md%n",
                need.cpus(), need.memoryGib(), need.diskGib()));
        s.append(String.format(
                "Then give each student that memory: littlehub config set limits.memory %s%n",
                configSize(p.memoryPerStudent())));
        return s.toString();
    }

    private static String diskNote(InstanceTypes.Type t, Sizing.Need need) {
        if (t.diskGb() == null) {
            return "set its disk to " + need.diskGib() + " GB";
        }
        return t.diskGb() >= need.diskGib()
                ? t.diskGb() + " GB disk included"
                : t.diskGb() + " GB disk included: too small, add a volume of " + (need.diskGib() - t.diskGb())
                        + " GB or more for /home";
    }

    /** The size as the config writes it: whole G, else whole M (the figure was parsed from that grammar). */
    private static String configSize(long bytes) {
        return bytes % Size.GIB == 0 ? bytes / Size.GIB + "G" : (bytes + (1L << 20) - 1) / (1L << 20) + "M";
    }

    public static String json(Sizing.Need need) {
        ClassProfile p = need.profile();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("students", p.students());
        o.put("concurrent", p.concurrent());
        o.put("concurrent_students", need.concurrentStudents());
        o.put("memory_per_student_bytes", p.memoryPerStudent());
        o.put("cpu_per_student", p.cpuPerStudent());
        o.put("disk_per_student_bytes", p.diskPerStudent());
        o.put("memory_gib", need.memoryGib());
        o.put("cpus", need.cpus());
        o.put("disk_gib", need.diskGib());
        o.put("instance_types_as_of", InstanceTypes.AS_OF);
        List<Map<String, Object>> matches = new ArrayList<>();
        for (InstanceTypes.Provider provider : InstanceTypes.ALL) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", provider.id());
            InstanceTypes.Type t = provider.match(need).orElse(null);
            m.put("type", t == null ? null : t.name());
            m.put("vcpus", t == null ? null : t.vcpus());
            m.put("memory_gb", t == null ? null : t.memoryGib());
            m.put("disk_included_gb", t == null ? null : t.diskGb());
            matches.add(m);
        }
        o.put("instance_types", matches);
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
