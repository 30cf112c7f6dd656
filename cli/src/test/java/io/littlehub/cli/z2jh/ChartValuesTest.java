package io.littlehub.cli.z2jh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.config.ConfigValidator;
import io.littlehub.common.config.HubConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The translation as data: configs in, values, secrets, changes and keys with no equivalent out. */
class ChartValuesTest {
    @Test
    void theThreeConfigsAreValidHubConfigs() {
        ChartFixture.CONFIGS.forEach(
                (name, path) -> assertEquals(List.of(), new ConfigValidator().validate(ChartFixture.text(path)), name));
    }

    @Test
    void theExampleWithLimits() {
        ExportFiles.Export e = ChartFixture.export("class-with-limits", false);
        Map<String, Object> v = ChartFixture.yaml(e.files().get(ExportFiles.VALUES));
        assertEquals(Map.of("limit", "1G", "guarantee", "341M"), at(v, "singleuser.memory"));
        assertEquals(Map.of("limit", 0.5, "guarantee", 0.16), at(v, "singleuser.cpu"));
        assertEquals("/lab", at(v, "singleuser.defaultUrl"));
        assertEquals("firstuseauthenticator.FirstUseAuthenticator", at(v, "hub.config.JupyterHub.authenticator_class"));
        assertEquals(List.of("teacher", "ta-sam"), at(v, "hub.config.Authenticator.admin_users"));
        assertEquals(false, at(v, "hub.config.Authenticator.allow_all"));
        assertEquals(
                Map.of("enabled", true, "timeout", 1800, "every", 300, "maxAge", 0, "users", false, "adminUsers", true),
                at(v, "cull"));
        assertEquals("/", at(v, "hub.baseUrl"));
        assertEquals(false, at(v, "proxy.https.enabled"));
        Map<String, Boolean> unmapped = e.translation().unmapped().stream()
                .collect(Collectors.toMap(ChartValues.Unmapped::key, ChartValues.Unmapped::written));
        assertEquals(true, unmapped.get("course.name"), "written by the teacher");
        assertEquals(false, unmapped.get("limits.tasks"), "littlehub's default");
        assertTrue(unmapped.containsKey("auth.throttle.failures_per_name"));
        assertTrue(unmapped.containsKey("http.port"));
        assertTrue(e.files()
                .get(ExportFiles.MIGRATION)
                .contains("| `course.name` | `Data Science 101` | set in the config |"));
        assertEquals(
                "{}\n",
                e.files().get(ExportFiles.SECRET_VALUES).lines().skip(1).collect(Collectors.joining("\n")) + "\n");
    }

    @Test
    void everyLeafKeyIsMappedOrListed() {
        for (String name : ChartFixture.CONFIGS.keySet()) {
            ExportFiles.Export e = ChartFixture.export(name, false);
            Map<String, Object> leaves =
                    ChartValues.leaves(HubConfig.load(ChartFixture.text(ChartFixture.CONFIGS.get(name))));
            for (String key : leaves.keySet()) {
                boolean mapped =
                        e.translation().mapped().stream().anyMatch(m -> m.key().equals(key));
                boolean listed = e.translation().unmapped().stream()
                        .anyMatch(u -> u.key().equals(key));
                assertTrue(mapped ^ listed, name + ": " + key + " mapped " + mapped + ", listed " + listed);
            }
            assertTrue(
                    e.translation().unmapped().stream().noneMatch(u -> u.why().contains("does not know")), name);
        }
    }

    @Test
    void aKeyTheExportDoesNotKnowIsListedNotDropped() {
        Map<String, Object> effective = HubConfig.load("limits: {memory: 1G}\n");
        effective.put("telescope", Map.of("mirror", "big"));
        ChartValues.Translation t = ChartValues.translate(
                effective,
                Map.of("telescope", Map.of("mirror", "big")),
                new ChartValues.Inputs("h", "i", "t", null, null));
        ChartValues.Unmapped u = t.unmapped().stream()
                .filter(x -> x.key().equals("telescope.mirror"))
                .findFirst()
                .orElseThrow();
        assertEquals("big", u.value());
        assertTrue(u.written());
        assertTrue(u.why().contains("does not know"), u.why());
        assertTrue(
                MigrationNotes.unmappedLines(t).contains("  telescope.mirror = big (set in the config): " + u.why()));
    }

    @Test
    void githubWithAdminsAndARoster() {
        ExportFiles.Export e = ChartFixture.export("github-roster", false);
        Map<String, Object> v = ChartFixture.yaml(e.files().get(ExportFiles.VALUES));
        assertEquals("github", at(v, "hub.config.JupyterHub.authenticator_class"));
        assertEquals(List.of("ada", "grace.hopper", "7of9"), at(v, "hub.config.Authenticator.allowed_users"));
        assertEquals(List.of("mallory"), at(v, "hub.config.Authenticator.blocked_users"));
        assertEquals(
                List.of("example-university-cs101"), at(v, "hub.config.GitHubOAuthenticator.allowed_organizations"));
        assertEquals("/tree", at(v, "singleuser.defaultUrl"));
        assertEquals(28800, at(v, "cull.maxAge"));
        assertFalse(e.files().get(ExportFiles.VALUES).contains("github-client-secret-for-the-test"));
        assertEquals(
                "github-client-secret-for-the-test",
                at(
                        ChartFixture.yaml(e.files().get(ExportFiles.SECRET_VALUES)),
                        "hub.config.GitHubOAuthenticator.client_secret"));
        assertTrue(e.translation().mapped().stream().anyMatch(m -> m.key().equals("limits.users")));
        assertTrue(
                at(v, "hub.extraConfig." + ChartValues.USER_LIMITS_HOOK)
                        .toString()
                        .contains(
                                "littlehub_user_limits = {\"ada\": {\"mem_limit\": \"4G\", \"mem_guarantee\": \"1365M\","
                                        + " \"cpu_limit\": 2.0, \"cpu_guarantee\": 0.66, \"storage_capacity\": \"5Gi\"},"
                                        + " \"grace.hopper\": {}}"),
                e.files().get(ExportFiles.VALUES));
    }

    @Test
    void limitsDiskIsEachStudentsClaimSizeAndWhatCannotBeCarriedIsSaid() {
        ExportFiles.Export e = ChartFixture.export("github-roster", false);
        Map<String, Object> v = ChartFixture.yaml(e.files().get(ExportFiles.VALUES));
        assertEquals("2Gi", at(v, "singleuser.storage.capacity"));
        assertTrue(e.translation().mapped().stream()
                .anyMatch(
                        m -> m.key().equals("limits.disk") && m.chartKeys().startsWith("singleuser.storage.capacity")));
        String notes = e.files().get(ExportFiles.MIGRATION);
        assertTrue(notes.contains("\"No space left on device\" instead of \"Disk quota exceeded\""), notes);
        assertTrue(notes.contains("does not resize existing claims"), notes);
        List<String> lines = MigrationNotes.unmappedLines(e.translation());
        assertTrue(
                lines.contains("  limits.users.grace.hopper.disk = null (set in the config): no limit, which a claim"
                        + " cannot have: theirs gets singleuser.storage.capacity like everyone's (or the chart's 10Gi);"
                        + " make it bigger by editing their claim"),
                String.join("\n", lines));
        assertTrue(
                lines.contains("  limits.users.grace.hopper.tasks = 1024 (set in the config): a pod's process limit"
                        + " is the kubelet's podPidsLimit, one for every pod"),
                String.join("\n", lines));
        assertTrue(notes.contains("| `limits.users.grace.hopper.disk` | `null` | set in the config |"), notes);

        ExportFiles.Export none = ChartFixture.export("class-with-limits", false);
        assertEquals(
                null,
                at(ChartFixture.yaml(none.files().get(ExportFiles.VALUES)), "singleuser.storage.capacity"),
                "no limits.disk: the chart's default size");
        assertFalse(none.files().get(ExportFiles.MIGRATION).contains("Disk quota exceeded"));
    }

    @Test
    void aCarriedHomesClaimHasTheSizeTheChartWouldGiveIt() {
        Map<String, Object> github = HubConfig.load(ChartFixture.text(ChartFixture.CONFIGS.get("github-roster")));
        assertEquals("5Gi", ChartValues.claimSize(github, "ada"), "ada's own limit");
        assertEquals("2Gi", ChartValues.claimSize(github, "grace.hopper"), "no limit of her own: the class's");
        assertEquals("2Gi", ChartValues.claimSize(github, "7of9"));
        Map<String, Object> example = HubConfig.load(ChartFixture.text(ChartFixture.CONFIGS.get("class-with-limits")));
        assertEquals("10Gi", ChartValues.claimSize(example, "teacher"), "no limits.disk: the chart's default");
    }

    @Test
    void aLittlehubSizeIsAKubernetesQuantityInPowersOf1024() {
        assertEquals("2Gi", ChartValues.quantity("2G"));
        assertEquals("500Mi", ChartValues.quantity("500M"));
        assertEquals("1.5Ti", ChartValues.quantity("1.5T"));
        assertEquals("20971520", ChartValues.quantity(20971520));
    }

    @Test
    void ldapWithTheSchoolsCertificate() {
        ExportFiles.Export e = ChartFixture.export("ldap-https", true);
        Map<String, Object> v = ChartFixture.yaml(e.files().get(ExportFiles.VALUES));
        assertEquals(
                Map.of(
                        "enabled",
                        true,
                        "hosts",
                        List.of("hub.school.example.org"),
                        "type",
                        "secret",
                        "secret",
                        Map.of("name", "class-hub-tls")),
                at(v, "proxy.https"));
        assertEquals("/jupyter/", at(v, "hub.baseUrl"));
        assertEquals(Map.of("limit", "1.5G", "guarantee", "512M"), at(v, "singleuser.memory"));
        Map<String, Object> s = ChartFixture.yaml(e.files().get(ExportFiles.SECRET_VALUES));
        assertEquals(
                "ldap-bind-password-for-the-test", at(s, "hub.config.LDAPAuthenticator.lookup_dn_search_password"));
        assertEquals(64, at(s, "hub.cookieSecret").toString().length());
        assertEquals(64, at(s, "proxy.secretToken").toString().length());
        assertTrue(e.files()
                .get(ExportFiles.MIGRATION)
                .contains("kubectl -n littlehub create secret tls class-hub-tls --cert=hub.pem --key=hub.key"));
    }

    @Test
    void theImageRecipeCarriesTheRecordAndNamesWhatItLeavesOut() {
        ExportFiles.Export e = ChartFixture.export("class-with-limits", false);
        String req = e.files().get("image/requirements.txt");
        assertTrue(req.contains("\njupyterhub==6.1.1\njupyterlab==4.6.6\nnotebook==7.6.5\nipykernel==7.4.0\n"), req);
        assertFalse(req.contains("local-thing"));
        assertTrue(e.files()
                .get("image/Dockerfile")
                .contains("FROM quay.io/jupyter/docker-stacks-foundation:python-3.11\n"));
        assertEquals(
                "{\"ServerApp\":{\"tornado_settings\":{\"xsrf_cookie_kwargs\":{\"samesite\":\"Lax\"}},"
                        + "\"jpserver_extensions\":{\"jupyter_lsp\":false}}}\n",
                e.files().get("image/jupyter_server_config.json"));
        assertTrue(
                e.files().get(ExportFiles.MIGRATION).contains("`local-thing @ file:///root/local_thing-1.0.tar.gz`"));
        assertThrows(IllegalArgumentException.class, () -> ImageRecipe.of(FREEZE_NONE, "3.11", "x", List.of(), false));
        assertThrows(
                IllegalArgumentException.class, () -> ImageRecipe.of(ChartFixture.FREEZE, "", "x", List.of(), false));
    }

    private static final String FREEZE_NONE = "# nothing\n";

    @Test
    void aThirdOfASize() {
        assertEquals("341M", ChartValues.third("1G"));
        assertEquals("512M", ChartValues.third("1.5G"));
        assertEquals("170M", ChartValues.third("512M"));
        assertEquals("682M", ChartValues.third("2147483648"));
        assertEquals("1M", ChartValues.third("2M"));
    }

    @Test
    void claimNamesAsKubeSpawnerMakesThem() {
        // From kubespawner 7.1.0's slugs.safe_slug(name, max_length=48) (ChartHubConfigTest asks it for these too).
        Map<String, String> expected = Map.of(
                "ada",
                "claim-ada",
                "grace.hopper",
                "claim-grace-hopper---be5b89a3",
                "7of9",
                "claim-x-7of9---7f5ddf87",
                "ada.lovelace@school.org",
                "claim-ada-lovelace-school-org---f0ffbef3",
                "a--b",
                "claim-a-b---90827a2e",
                "student-07",
                "claim-student-07",
                "bob-",
                "claim-bob---671cc3ed",
                "averyveryveryverylongnamethatgoesonandonandon-and-on-more",
                "claim-averyveryveryverylongnamethatgoesonan---7b9aa98b");
        expected.forEach((name, claim) -> assertEquals(claim, ClaimNames.claim(name), name));
    }

    @Test
    void aFolderWithSomethingInItIsRefusedUnlessForced(@TempDir Path dir) throws Exception {
        OutputFolder.check(dir.resolve("new"), false, "--out");
        OutputFolder.check(dir, false, "--out");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> OutputFolder.check(dir, false, "--out"));
        assertEquals(
                "--out " + dir + " is not empty: name a new or empty folder, or add --force to write into it"
                        + " (files of the same names are replaced, others kept)",
                e.getMessage());
        OutputFolder.check(dir, true, "--out");
        assertThrows(IllegalArgumentException.class, () -> OutputFolder.check(dir.resolve("notes.txt"), true, "--out"));
        OutputFolder.write(dir, "secret-values.yaml", "a: b\n", true);
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve("secret-values.yaml"))));
    }

    @Test
    void theRestoreJobMountsEveryClaim() {
        List<Map<String, Object>> docs = RestoreJob.documents(
                List.of(
                        new RestoreJob.Home("ada", "claim-ada", "5Gi", "claim-ada.tar"),
                        new RestoreJob.Home("7of9", "claim-x-7of9---7f5ddf87", "10Gi", "claim-x-7of9---7f5ddf87.tar")),
                "img");
        assertEquals(
                List.of("Namespace", "PersistentVolumeClaim", "PersistentVolumeClaim", "Job"),
                docs.stream().map(d -> d.get("kind")).toList());
        assertEquals(
                "{requests={storage=5Gi}}", at(docs.get(1), "spec.resources").toString());
        assertEquals(
                "{requests={storage=10Gi}}", at(docs.get(2), "spec.resources").toString());
        String job = docs.get(3).toString();
        assertTrue(job.contains("claimName=claim-x-7of9---7f5ddf87"), job);
        assertTrue(
                job.contains("tar -x --numeric-owner --same-permissions --strip-components=2 -f claim-ada.tar"
                        + " -C /homes/claim-ada && chown 1000:100 /homes/claim-ada"),
                job);
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> tree, String path) {
        Object node = tree;
        for (String part : path.split("\\.")) {
            node = ((Map<String, Object>) node).get(part);
        }
        return node;
    }
}
