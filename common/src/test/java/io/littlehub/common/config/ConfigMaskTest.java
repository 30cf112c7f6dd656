package io.littlehub.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigMaskTest {
    private final ConfigMask mask = ConfigMask.packaged();

    @Test
    void theSecretKeysAreTheSchemasWriteOnlyOnes() {
        assertEquals(
                Set.of(
                        "auth.user_password",
                        "auth.admin_password",
                        "auth.client_secret",
                        "auth.lookup_dn_search_password"),
                ConfigMask.secretKeys(ConfigSchema.packaged()));
    }

    @Test
    void showMasksSecretValuesAndKeepsEverythingElseAsWritten() {
        String yaml = """
                # the class of 2027
                auth:
                  type: shared-password   # one password for the class
                  user_password: "class-pass-42"
                  admin_password: 'x y z very long admin password 1234567'
                users: {allowed: [ada], admin: [teacher]}
                """;
        assertEquals("""
                # the class of 2027
                auth:
                  type: shared-password   # one password for the class
                  user_password: "********"
                  admin_password: "********"
                users: {allowed: [ada], admin: [teacher]}
                """, mask.text(yaml));
    }

    @Test
    void flowMappingsAndBlockScalarsAreMaskedToo() {
        assertEquals(
                "auth: {type: github, client_id: abc, client_secret: \"********\", oauth_callback_url: x}\n",
                mask.text("auth: {type: github, client_id: abc, client_secret: s3cr3t, oauth_callback_url: x}\n"));
        String block = mask.text("auth:\n  client_secret: |\n    s3cr3t\n  client_id: abc\n");
        assertEquals("auth:\n  client_secret: \"********\"\n  client_id: abc\n", block);
    }

    @Test
    void aFileYamlCannotReadIsNotShown() {
        String shown = mask.text("auth:\n  user_password: s3cr3t\n   bad: [\n");
        assertFalse(shown.contains("s3cr3t"), shown);
        assertTrue(shown.contains("--show-secrets"), shown);
    }

    @Test
    void getMasksASecretAndTheSecretsInsideAMap() {
        assertEquals(ConfigMask.MASK, mask.value("auth.client_secret", "s3cr3t"));
        assertEquals(
                Map.of("type", "github", "client_secret", ConfigMask.MASK),
                mask.value("auth", Map.of("type", "github", "client_secret", "s3cr3t")));
        assertEquals(
                Map.of("auth", Map.of("lookup_dn_search_password", ConfigMask.MASK)),
                mask.value("", Map.of("auth", Map.of("lookup_dn_search_password", "pw"))));
        assertEquals("2G", mask.value("limits.memory", "2G"));
        assertEquals(null, mask.value("auth.admin_password", null));
    }

    @Test
    void aCharacterBeyond16BitsBeforeASecretMovesNoMask() {
        String yaml = "# the class 🎓 of 2027\nauth:\n  type: shared-password\n  user_password: class-pass-42\n";
        assertEquals(
                "# the class 🎓 of 2027\nauth:\n  type: shared-password\n  user_password: \"********\"\n",
                mask.text(yaml));
    }
}
