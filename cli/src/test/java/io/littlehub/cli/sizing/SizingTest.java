package io.littlehub.cli.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of the estimate (memory = at once × per student + 1 GiB; CPUs = at once × per student + 0.2,
 * rounded up; disk = students × per student + 10 GiB), the instance type each provider's table gives, and refusals.
 */
class SizingTest {
    private static Sizing.Need need(int students, String concurrent, String memory, String cpu, String disk) {
        return Sizing.of(ClassProfile.of(students, new BigDecimal(concurrent), memory, new BigDecimal(cpu), disk));
    }

    /** Students at once, memory GiB, CPUs, disk GiB. */
    private static void assertFigures(Sizing.Need n, int concurrent, long memoryGib, int cpus, long diskGib) {
        assertEquals(
                List.of(concurrent, memoryGib, cpus, diskGib),
                List.of(n.concurrentStudents(), n.memoryGib(), n.cpus(), n.diskGib()));
    }

    private static Map<String, String> matches(Sizing.Need need) {
        return InstanceTypes.ALL.stream()
                .collect(Collectors.toMap(
                        InstanceTypes.Provider::id,
                        p -> p.match(need).map(InstanceTypes.Type::name).orElse("none")));
    }

    @Test
    void thirtyStudentsHalfAtOnceOneGigabyteEach() {
        // 15 at once; memory 15 × 1 GiB + 1 GiB = 16 GiB; CPUs 15 × 0.25 + 0.2 = 3.95 → 4; disk 30 × 1 GiB + 10 GiB =
        // 40 GiB.
        Sizing.Need n = need(30, "0.5", "1G", "0.25", "1G");
        assertFigures(n, 15, 16, 4, 40);
        // The cheapest listed type with 4 vCPU and 16 GB; Jetstream2's m3.quad has 15 GB, one short, so m3.medium.
        assertEquals(
                Map.of(
                        "digitalocean",
                        "s-8vcpu-16gb",
                        "aws",
                        "m7i.xlarge",
                        "gcp",
                        "e2-standard-4",
                        "azure",
                        "Standard_D4s_v5",
                        "hetzner",
                        "cx43",
                        "jetstream2",
                        "m3.medium"),
                matches(n));
    }

    @Test
    void sevenTenthsOfTenIsSevenStudentsNotEight() {
        // 0.7 × 10 in binary floating point is 7.000000000000001, which would round up to 8.
        // memory 7 × 512 MiB + 1 GiB = 4.5 GiB → 5; CPUs 7 × 0.25 + 0.2 = 1.95 → 2; disk 10 × 2 GiB + 10 GiB = 30 GiB.
        Sizing.Need n = need(10, "0.7", "512M", "0.25", "2G");
        assertFigures(n, 7, 5, 2, 30);
        assertEquals("t3.large", matches(n).get("aws"), "2 vCPU, 8 GB: t3.medium's 4 GB is too little");
        assertEquals("s-4vcpu-8gb", matches(n).get("digitalocean"));
    }

    @Test
    void oneStudentGetsTheSmallestTypeThatFits() {
        // 1 at once; 1 GiB + 1 GiB = 2 GiB; 0.25 + 0.2 = 0.45 → 1 CPU; 1 GiB + 10 GiB = 11 GiB.
        Sizing.Need n = need(1, "1", "1G", "0.25", "1G");
        assertFigures(n, 1, 2, 1, 11);
        assertEquals(
                Map.of(
                        "digitalocean",
                        "s-1vcpu-2gb",
                        "aws",
                        "t3.small",
                        "gcp",
                        "e2-small",
                        "azure",
                        "Standard_B1ms",
                        "hetzner",
                        "cx23",
                        "jetstream2",
                        "m3.tiny"),
                matches(n));
    }

    @Test
    void aWholeLabOfAHundredOutgrowsMostTables() {
        // 100 at once × 2 GiB + 1 GiB = 201 GiB; 100 × 0.5 + 0.2 = 50.2 → 51 CPUs; 100 × 5 GiB + 10 GiB = 510 GiB.
        Sizing.Need n = need(100, "1", "2G", "0.5", "5G");
        assertFigures(n, 100, 201, 51, 510);
        assertEquals(
                Map.of(
                        "digitalocean",
                        "none",
                        "aws",
                        "none",
                        "gcp",
                        "none",
                        "azure",
                        "none",
                        "hetzner",
                        "none",
                        "jetstream2",
                        "m3.2xl"),
                matches(n));
        assertTrue(
                SizeReport.text(n).contains("none listed is big enough: split the class over two hubs"),
                SizeReport.text(n));
        assertTrue(
                SizeReport.text(n).contains("60 GB disk included: too small, add a volume of 450 GB or more for /home"),
                SizeReport.text(n));
    }

    @Test
    void everyTableIsCheapestFirstSoEachTypeCanBeChosen() {
        // A type that another type earlier in the list matches or beats in both CPUs and memory could never be chosen.
        for (InstanceTypes.Provider p : InstanceTypes.ALL) {
            for (int i = 0; i < p.types().size(); i++) {
                InstanceTypes.Type later = p.types().get(i);
                Optional<InstanceTypes.Type> shadow = p.types().subList(0, i).stream()
                        .filter(t -> t.vcpus() >= later.vcpus() && t.memoryGib() >= later.memoryGib())
                        .findFirst();
                assertTrue(
                        shadow.isEmpty(),
                        p.id() + ": " + later.name() + " is never chosen, "
                                + shadow.map(InstanceTypes.Type::name).orElse("") + " comes first");
            }
        }
    }

    @Test
    void sizesReadLikeTheConfigsLimits() {
        Function<String, Long> parse = s -> Size.parse("--memory-per-student", s);
        assertEquals(536_870_912L, parse.apply("512M"));
        assertEquals(1_610_612_736L, parse.apply("1.5G"));
        assertEquals(1024L, parse.apply("1K"));
        assertEquals(1L << 40, parse.apply("1T"));
        for (String bad : List.of("2GB", "0G", "lots", "", "-1G", "1g")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse.apply(bad));
            assertEquals(
                    "--memory-per-student \"" + bad
                            + "\" is not a size: use a number with K, M, G or T, like 512M or 2G",
                    e.getMessage());
        }
    }

    @Test
    void badClassesAreRefusedNamingTheFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> need(0, "0.5", "1G", "0.25", "1G"))
                .getMessage()
                .contains("--students 0: a class has at least one student"));
        for (String share : List.of("0", "-0.5", "1.01", "2")) {
            String m = assertThrows(IllegalArgumentException.class, () -> need(30, share, "1G", "0.25", "1G"))
                    .getMessage();
            assertTrue(m.startsWith("--concurrent " + share + " ") && m.contains("above 0 and at most 1, like 0.5"), m);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> need(30, "0.5", "1G", "0", "1G"))
                .getMessage()
                .contains("--cpu-per-student 0: use a number of CPUs above 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> need(30, "0.5", "1G", "0.25", "10"))
                .getMessage()
                .startsWith("--disk-per-student \"10\" is not a size"));
    }
}
