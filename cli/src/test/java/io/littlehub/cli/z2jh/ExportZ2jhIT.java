package io.littlehub.cli.z2jh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.students.UnixNames;
import io.littlehub.testvm.VmSsh;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23 on a provisioned hub with three students (names KubeSpawner keeps, hashes, and prefixes): {@code export
 * homes} writes one archive per student that verifies as a backup does, every entry owned by the chart's 1000:100,
 * with the student's own file in it, and a restore Job naming the claims KubeSpawner itself names (asked in the
 * chart's venv); {@code export z2jh} writes the files (secret-values.yaml 0600, the keys with no equivalent printed),
 * and its image's requirements install into a fresh venv on the VM, where the users' environment's health-check
 * imports succeed. A folder that is not empty is refused unless --force.
 */
class ExportZ2jhIT {
    private static final List<String> STUDENTS = List.of("ada", "grace.hopper", "7of9");

    @AutoClose
    TeacherLaptop laptop;

    @TempDir
    Path laptopDir;

    @Test
    void theClassMovesToZeroToJupyterHub() throws Exception {
        laptop = TeacherLaptop.boot("z2jh-" + ProcessHandle.current().pid());
        List<String> add = new ArrayList<>(List.of("add-student"));
        add.addAll(STUDENTS);
        laptop.ok(add.toArray(String[]::new));
        // The hub starts their servers as at a sign-in: their unix users and homes exist.
        laptop.ok("class", "warm", "--now", "--grace", "0");
        for (String s : STUDENTS) {
            String unix = UnixNames.unixName(s);
            laptop.vm.check(
                    "sudo",
                    "-u",
                    unix,
                    "sh",
                    "-c",
                    "printf %s \"$1\" > \"$2\"",
                    "sh",
                    "work of " + s,
                    "/home/" + unix + "/work-" + s + ".txt");
        }

        // export homes
        Path homes = laptopDir.resolve("homes");
        TeacherLaptop.Run run = laptop.ok("export", "homes", "--to", homes.toString());
        System.out.println(run.out());
        Map<String, String> claims = kubeSpawnerClaims();
        for (String s : STUDENTS) {
            String claim = claims.get(s);
            assertEquals(ClaimNames.claim(s), claim, s);
            Path archive = homes.resolve(claim + ".tar");
            Manifest m;
            try (InputStream in = Files.newInputStream(archive)) {
                m = ArchiveVerifier.verify(in, null).manifest();
            }
            assertEquals(
                    List.of(UnixNames.unixName(s)),
                    m.users().stream().map(Manifest.User::name).toList());
            assertTrue(m.entries().stream().allMatch(e -> e.uid() == 1000 && e.gid() == 100), claim);
            String file = "home/" + UnixNames.unixName(s) + "/work-" + s + ".txt";
            assertTrue(m.entries().stream().anyMatch(e -> e.path().equals(file)), file + " in " + claim);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
        }
        String job = Files.readString(homes.resolve("restore-homes-job.yaml"));
        List<String> claimNames = new ArrayList<>();
        for (Object doc : new org.yaml.snakeyaml.Yaml().loadAll(job)) {
            Map<?, ?> d = (Map<?, ?>) doc;
            if ("PersistentVolumeClaim".equals(d.get("kind"))) {
                claimNames.add(((Map<?, ?>) d.get("metadata")).get("name").toString());
            }
        }
        assertEquals(new TreeSet<>(claims.values()), new TreeSet<>(claimNames), job);
        for (String line : Files.readAllLines(homes.resolve("SHA256SUMS"))) {
            assertTrue(Files.exists(homes.resolve(line.split("  ")[1])), line);
        }
        TeacherLaptop.Run again = laptop.littlehub("export", "homes", "--to", homes.toString());
        assertEquals(ExitCodes.USAGE, again.exit(), again.toString());
        assertTrue(again.err().contains("is not empty: name a new or empty folder, or add --force"), again.toString());

        // export z2jh
        Path out = laptopDir.resolve("z2jh");
        TeacherLaptop.Run export = laptop.ok("export", "z2jh", "--out", out.toString(), "--carry-secrets");
        System.out.println(export.out());
        assertTrue(export.out().contains("No equivalent on the chart (also in MIGRATION.md):"), export.out());
        assertTrue(export.out().contains("  limits.tasks = 512 (littlehub's default): "), export.out());
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("secret-values.yaml"))));
        assertTrue(Files.readString(out.resolve("secret-values.yaml")).contains("cookieSecret: "));
        Map<String, Object> values = ChartFixture.yaml(Files.readString(out.resolve("values.yaml")));
        assertEquals(
                List.of("ada", "grace.hopper", "7of9"),
                ChartValuesTest.at(values, "hub.config.Authenticator.allowed_users"));
        assertTrue(Files.readString(out.resolve("MIGRATION.md")).contains("helm upgrade --install littlehub"));
        TeacherLaptop.Run refused = laptop.littlehub("export", "z2jh", "--out", out.toString());
        assertEquals(ExitCodes.USAGE, refused.exit(), refused.toString());
        laptop.ok("export", "z2jh", "--out", out.toString(), "--force");

        // The image's requirements in a fresh venv on the VM, and the health check's imports.
        String requirements = Files.readString(out.resolve("image/requirements.txt"));
        laptop.vm.check("sh", "-c", "printf %s \"$1\" > /tmp/image-requirements.txt", "sh", requirements);
        long t = System.nanoTime();
        VmSsh.Result pip = laptop.vm.exec(
                "sh",
                "-c",
                "python3 -m venv /tmp/image-env && /tmp/image-env/bin/pip install -q"
                        + " --disable-pip-version-check -r /tmp/image-requirements.txt");
        System.out.printf("image requirements installed in %d ms%n", (System.nanoTime() - t) / 1_000_000);
        assertEquals(0, pip.exitCode(), pip.stdout() + pip.stderr());
        String imports = String.join(", ", io.littlehub.agent.userenv.Health.MODULES);
        laptop.vm.check("/tmp/image-env/bin/python", "-c", "import " + imports);
    }

    /** The claims KubeSpawner names for the students, with the chart's own config, in the chart's venv. */
    private Map<String, String> kubeSpawnerClaims() throws Exception {
        JsonNode s = ChartHubVenv.settings(
                ChartFixture.export("class-with-limits", false), laptopDir.resolve("chart"), STUDENTS);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        STUDENTS.forEach(n -> out.put(n, s.get("claims").get(n).asText()));
        return out;
    }
}
