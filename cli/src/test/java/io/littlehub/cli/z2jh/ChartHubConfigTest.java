package io.littlehub.cli.z2jh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's own hub config (../shared/z2jh/jupyterhub_config.py + z2jh.py), run with JupyterHub and KubeSpawner
 * from PyPI on each of the three exports, yields the hub's settings: KubeSpawner's limits and guarantees (as bytes
 * and cores: KubeSpawner accepted the values), the image, the authenticator class JupyterHub resolves and its users,
 * the culler's command, base_url; every trait the export sets exists. The claims KubeSpawner names are the ones
 * {@link ClaimNames} computes.
 */
class ChartHubConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIB = 1 << 20;

    @Test
    void theExampleWithLimits(@TempDir Path work) throws Exception {
        ExportFiles.Export e = ChartFixture.export("class-with-limits", false);
        JsonNode s = ChartHubVenv.settings(e, work, List.of("teacher"));
        assertEquals(
                "firstuseauthenticator.firstuseauthenticator.FirstUseAuthenticator",
                s.get("authenticator_class").asText());
        assertEquals(List.of("ta-sam", "teacher"), strings(s.get("admin_users")));
        assertEquals(List.of(), strings(s.get("allowed_users")));
        assertEquals(false, s.get("allow_all").asBoolean());
        assertEquals(1024 * MIB, s.get("mem_limit").asLong());
        assertEquals(341 * MIB, s.get("mem_guarantee").asLong());
        assertEquals(0.5, s.get("cpu_limit").asDouble());
        assertEquals(0.16, s.get("cpu_guarantee").asDouble());
        assertEquals(
                List.of(
                        "python3",
                        "-m",
                        "jupyterhub_idle_culler",
                        "--url=http://localhost:8081/hub/api",
                        "--timeout=1800",
                        "--cull-every=300",
                        "--concurrency=10"),
                strings(s.get("culler")));
        assertEquals("/", s.get("base_url").asText());
        assertEquals("/lab", s.get("default_url").asText());
        common(e, s);
    }

    @Test
    void githubWithAdminsAndARoster(@TempDir Path work) throws Exception {
        ExportFiles.Export e = ChartFixture.export("github-roster", false);
        List<String> users = List.of("ada", "grace.hopper", "7of9", "prof-lovelace");
        JsonNode s = ChartHubVenv.settings(e, work, users);
        assertEquals(
                "oauthenticator.github.GitHubOAuthenticator",
                s.get("authenticator_class").asText());
        assertEquals(List.of("7of9", "ada", "grace.hopper"), strings(s.get("allowed_users")));
        assertEquals(List.of("prof-lovelace", "ta-babbage"), strings(s.get("admin_users")));
        assertEquals(List.of("mallory"), strings(s.get("blocked_users")));
        assertEquals(2048 * MIB, s.get("mem_limit").asLong());
        assertEquals(682 * MIB, s.get("mem_guarantee").asLong());
        assertEquals(1.0, s.get("cpu_limit").asDouble());
        assertEquals(0.33, s.get("cpu_guarantee").asDouble());
        assertEquals(
                List.of(
                        "python3",
                        "-m",
                        "jupyterhub_idle_culler",
                        "--url=http://localhost:8081/hub/api",
                        "--timeout=1200",
                        "--cull-every=120",
                        "--concurrency=10",
                        "--max-age=28800"),
                strings(s.get("culler")));
        assertEquals("/tree", s.get("default_url").asText());
        // limits.users: ada's own limits come from the export's pre-spawn hook, run as at a spawn; others keep the
        // class's.
        JsonNode ada = s.get("per_user").get("ada");
        assertEquals(4096 * MIB, ada.get("mem_limit").asLong());
        assertEquals(1365 * MIB, ada.get("mem_guarantee").asLong());
        assertEquals(2.0, ada.get("cpu_limit").asDouble());
        assertEquals(0.66, ada.get("cpu_guarantee").asDouble());
        JsonNode grace = s.get("per_user").get("grace.hopper");
        assertEquals(2048 * MIB, grace.get("mem_limit").asLong());
        assertEquals(1.0, grace.get("cpu_limit").asDouble());
        // limits.disk: each claim's size, ada's own from the hook; grace.hopper's "no limit" cannot be a size.
        assertEquals("2Gi", s.get("storage_capacity").asText());
        assertEquals("5Gi", ada.get("storage_capacity").asText());
        assertEquals("2Gi", grace.get("storage_capacity").asText());
        for (String user : users) {
            assertEquals(ClaimNames.claim(user), s.get("claims").get(user).asText(), user);
        }
        common(e, s);
    }

    @Test
    void ldapWithTheSchoolsCertificate(@TempDir Path work) throws Exception {
        ExportFiles.Export e = ChartFixture.export("ldap-https", true);
        JsonNode s = ChartHubVenv.settings(e, work, List.of("mhopper"));
        assertEquals(
                "ldapauthenticator.ldapauthenticator.LDAPAuthenticator",
                s.get("authenticator_class").asText());
        assertEquals(List.of("mhopper"), strings(s.get("admin_users")));
        assertEquals(false, s.get("allow_all").asBoolean());
        assertEquals(1536 * MIB, s.get("mem_limit").asLong());
        assertEquals(512 * MIB, s.get("mem_guarantee").asLong());
        assertEquals(2.0, s.get("cpu_limit").asDouble());
        assertEquals(0.66, s.get("cpu_guarantee").asDouble());
        assertEquals(
                List.of(
                        "python3",
                        "-m",
                        "jupyterhub_idle_culler",
                        "--url=http://localhost:8081/jupyter/hub/api",
                        "--timeout=3600",
                        "--cull-every=300",
                        "--concurrency=10"),
                strings(s.get("culler")));
        assertEquals("/jupyter/", s.get("base_url").asText());
        common(e, s);
    }

    /** What every export gives: its image, the chart's user, the course material mounted, no unknown trait. */
    private static void common(ExportFiles.Export e, JsonNode s) throws Exception {
        Map<?, ?> image = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>)
                        ChartFixture.yaml(e.files().get(ExportFiles.VALUES)).get("singleuser"))
                .get("image"));
        assertEquals(image.get("name") + ":" + image.get("tag"), s.get("image").asText());
        assertEquals(ChartValues.CHART_UID, s.get("uid").asInt());
        assertEquals(ChartValues.CHART_GID, s.get("fs_gid").asInt());
        assertEquals(
                JSON.readTree("{\"name\":\"littlehub-data\",\"mountPath\":\"/srv/data\",\"readOnly\":true}"),
                s.get("volume_mounts").get("0-littlehub-data"));
        assertEquals(List.of(), strings(s.get("unknown_traits")));
    }

    private static List<String> strings(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
