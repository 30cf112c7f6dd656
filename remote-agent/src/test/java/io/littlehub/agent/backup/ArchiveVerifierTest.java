package io.littlehub.agent.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.littlehub.common.backup.ArchiveLayout;
import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.SecretBox;
import io.littlehub.common.backup.SecretsBundle;
import io.littlehub.common.backup.TarEntry;
import io.littlehub.common.backup.TarFormatException;
import io.littlehub.common.backup.TarReader;
import io.littlehub.common.backup.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveVerifierTest {
    private static final char[] PASS = "a long passphrase".toCharArray();

    @TempDir
    Path root;

    @TempDir
    Path out;

    @BeforeEach
    void hub() throws IOException {
        Path ada = Files.createDirectories(root.resolve("home/jupyter-ada/work"));
        Files.writeString(ada.resolve("notebook.ipynb"), "{\"cells\": []}");
        Files.writeString(ada.getParent().resolve(".bashrc"), "export X=1\n");
        Files.createSymbolicLink(ada.getParent().resolve("data"), Path.of("/srv/data"));
        Files.createDirectories(root.resolve("home/jupyter-bob"));
        Files.createDirectories(root.resolve("home/someone-else"));
        Files.writeString(Files.createDirectories(root.resolve("srv/data")).resolve("lesson1.csv"), "a,b\n1,2\n");
        Files.writeString(
                Files.createDirectories(root.resolve("etc/littlehub")).resolve("config.yaml"),
                "users: {admin: [teacher]}\n");
        Files.writeString(
                Files.createDirectories(root.resolve("var/lib/littlehub/config-history"))
                        .resolve("0001.yaml"),
                "{}\n");
        Files.writeString(
                Files.createDirectories(root.resolve("var/lib/littlehub/user-env"))
                        .resolve("0001.txt"),
                "numpy==2.0\n");
        Path state = Files.createDirectories(root.resolve("opt/littlehub/state"));
        Files.writeString(state.resolve("jupyterhub_cookie_secret"), "cookie");
        Files.writeString(state.resolve("proxy.env"), "CONFIGPROXY_AUTH_TOKEN=t\n");
        Files.writeString(state.resolve("agent-api-token"), "token");
        Files.writeString(state.resolve("passwords.dbm.db"), "dbm");
        Files.writeString(state.resolve("jupyterhub.sqlite"), "live database: never copied");
    }

    private byte[] backup(char[] passphrase) throws IOException {
        Path snapshot = Files.writeString(out.resolve("snapshot.sqlite"), "SQLite format 3 (a consistent copy)");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new BackupWriter(root, new PrintStream(new ByteArrayOutputStream()))
                .write(b, new BackupWriter.Options("class", "vm", passphrase, snapshot, QuickCheck.NONE));
        return b.toByteArray();
    }

    @Test
    void aBackupVerifiesAndItsManifestListsEverything() throws IOException {
        byte[] tar = backup(PASS);
        ArchiveVerifier.Verified v = ArchiveVerifier.verify(new ByteArrayInputStream(tar), null);
        Manifest m = v.manifest();
        assertEquals("class", m.hub());
        assertEquals(Manifest.SECRETS_ENCRYPTED, m.secrets());
        assertEquals(
                List.of("jupyter-ada", "jupyter-bob"),
                m.users().stream().map(Manifest.User::name).toList());
        List<String> paths = m.entries().stream().map(Manifest.Entry::path).toList();
        assertTrue(paths.contains("home/jupyter-ada/work/notebook.ipynb"), paths.toString());
        assertTrue(
                paths.contains("srv/data/lesson1.csv")
                        && paths.contains("etc/littlehub/config.yaml")
                        && paths.contains("var/lib/littlehub/config-history/0001.yaml")
                        && paths.contains("var/lib/littlehub/user-env/0001.txt"),
                paths.toString());
        assertTrue(paths.stream().noneMatch(p -> p.contains("someone-else") || p.contains("cookie")), paths.toString());
        Manifest.Entry db = m.entries().stream()
                .filter(e -> e.path().equals("opt/littlehub/state/jupyterhub.sqlite"))
                .findFirst()
                .orElseThrow();
        assertEquals(35L, db.size());
        assertEquals(ArchiveLayout.SECRETS, paths.get(paths.size() - 1));
        List<String> secrets = SecretsBundle.open(v.secretsBox(), PASS).stream()
                .map(s -> s.entry().name())
                .toList();
        assertEquals(
                List.of(
                        "opt/littlehub/state/jupyterhub_cookie_secret",
                        "opt/littlehub/state/proxy.env",
                        "opt/littlehub/state/agent-api-token",
                        "opt/littlehub/state/passwords.dbm.db"),
                secrets);
        assertThrows(
                SecretBox.WrongPassphrase.class,
                () -> SecretsBundle.open(v.secretsBox(), "another passphrase".toCharArray()));
    }

    /**
     * Caddy's data (ACME account, certificates and their keys) is in the encrypted secrets, folders included, and
     * never in the clear; without a passphrase it is left out. A restore stages it as one unit, put in place whole.
     */
    @Test
    void httpsStateIsASecretTree(@TempDir Path stage) throws IOException {
        Path caddy = root.resolve("var/lib/littlehub/https/caddy");
        Files.writeString(
                Files.createDirectories(caddy.resolve("acme/acme-v02.api.letsencrypt.org-directory/users/t"))
                        .resolve("t.key"),
                "account key");
        Files.writeString(
                Files.createDirectories(caddy.resolve("certificates/local/hub.example.org"))
                        .resolve("hub.example.org.key"),
                "certificate key");
        ArchiveVerifier.Verified v = ArchiveVerifier.verify(new ByteArrayInputStream(backup(PASS)), null);
        assertTrue(
                v.manifest().entries().stream().noneMatch(e -> e.path().contains("https")),
                "nothing of it in the clear");
        List<SecretsBundle.Secret> secrets = SecretsBundle.open(v.secretsBox(), PASS);
        List<String> https = secrets.stream()
                .map(sec -> sec.entry().name())
                .filter(n -> n.startsWith("var/lib/littlehub/https"))
                .toList();
        assertEquals("var/lib/littlehub/https", https.get(0));
        assertTrue(
                https.contains(
                                "var/lib/littlehub/https/caddy/acme/acme-v02.api.letsencrypt.org-directory/users/t/t.key")
                        && https.contains(
                                "var/lib/littlehub/https/caddy/certificates/local/hub.example.org/hub.example.org.key"),
                https.toString());
        Staging staging = new Staging(stage);
        for (SecretsBundle.Secret sec : secrets) {
            staging.secret(sec);
        }
        assertEquals(
                "certificate key",
                Files.readString(stage.resolve(
                        "var/lib/littlehub/https/caddy/certificates/local/hub.example.org/hub.example.org.key")));
        assertEquals(
                List.of("var/lib/littlehub/https"),
                staging.units().stream().filter(u -> u.contains("https")).toList());
        ArchiveVerifier.Verified without = ArchiveVerifier.verify(new ByteArrayInputStream(backup(null)), null);
        assertTrue(without.manifest().entries().stream().noneMatch(e -> e.path().contains("https")));
    }

    @Test
    void aFileDatedBefore1970IsStoredAtTime0AndTheArchiveVerifies() throws IOException {
        Path old = root.resolve("home/jupyter-ada/work/notebook.ipynb");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(-86_400_000L));
        Manifest m = ArchiveVerifier.verify(new ByteArrayInputStream(backup(null)), null)
                .manifest();
        assertEquals(
                0L,
                m.entries().stream()
                        .filter(e -> e.path().equals("home/jupyter-ada/work/notebook.ipynb"))
                        .findFirst()
                        .orElseThrow()
                        .mtime());
    }

    @Test
    void withoutSecretsThereIsNoSecretsEntry() throws IOException {
        ArchiveVerifier.Verified v = ArchiveVerifier.verify(new ByteArrayInputStream(backup(null)), null);
        assertEquals(Manifest.SECRETS_OMITTED, v.manifest().secrets());
        assertNull(v.secretsBox());
    }

    @Test
    void aTruncatedArchiveIsRefused() throws IOException {
        byte[] tar = backup(null);
        for (int cut : new int[] {1, 512, 4096, tar.length / 2, tar.length - 1536, tar.length - 1}) {
            byte[] part = Arrays.copyOf(tar, cut);
            TarFormatException e = assertThrows(
                    TarFormatException.class, () -> ArchiveVerifier.verify(new ByteArrayInputStream(part), null));
            assertTrue(
                    e.getMessage().contains("truncated") || e.getMessage().contains("manifest"),
                    cut + ": " + e.getMessage());
        }
    }

    @Test
    void aFlippedByteNamesTheEntry() throws IOException {
        byte[] tar = backup(null);
        int at = indexOf(tar, "{\"cells\": []}");
        tar[at + 3] ^= 1;
        TarFormatException e = assertThrows(
                TarFormatException.class, () -> ArchiveVerifier.verify(new ByteArrayInputStream(tar), null));
        assertTrue(
                e.getMessage().contains("home/jupyter-ada/work/notebook.ipynb")
                        && e.getMessage().contains("SHA-256"),
                e.getMessage());
    }

    @Test
    void anExtraEntryIsRefused() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(b)) {
            w.putFile(TarEntry.file("etc/cron.d/evil", 0644, 0, 0, "root", "root", 1, 0), new byte[] {1});
        }
        TarFormatException e = assertThrows(
                TarFormatException.class,
                () -> ArchiveVerifier.verify(new ByteArrayInputStream(b.toByteArray()), null));
        assertTrue(e.getMessage().contains("etc/cron.d/evil"), e.getMessage());
    }

    @Test
    void anEntryMissingFromTheManifestIsRefused() throws IOException {
        byte[] tar = backup(null);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarReader r = new TarReader(new ByteArrayInputStream(tar));
                TarWriter w = new TarWriter(b)) {
            TarEntry e;
            while ((e = r.next()) != null) {
                if (e.name().equals(ArchiveLayout.MANIFEST)) {
                    w.putFile(TarEntry.file("srv/data/added.txt", 0644, 0, 0, "root", "root", 1, 0), new byte[] {1});
                }
                w.putFile(e, r.content().readAllBytes());
            }
        }
        TarFormatException e = assertThrows(
                TarFormatException.class,
                () -> ArchiveVerifier.verify(new ByteArrayInputStream(b.toByteArray()), null));
        assertTrue(e.getMessage().contains("srv/data/added.txt"), e.getMessage());
    }

    @Test
    void stagingUnpacksEverythingAndRefusesToWriteThroughALink(@TempDir Path stage, @TempDir Path evilStage)
            throws IOException {
        Staging s = new Staging(stage);
        ArchiveVerifier.verify(new ByteArrayInputStream(backup(null)), s);
        s.applyOwnership(false);
        assertEquals("{\"cells\": []}", Files.readString(stage.resolve("home/jupyter-ada/work/notebook.ipynb")));
        assertEquals(Path.of("/srv/data"), Files.readSymbolicLink(stage.resolve("home/jupyter-ada/data")));
        assertTrue(
                s.units()
                        .containsAll(List.of(
                                "home/jupyter-ada", "home/jupyter-bob", "srv/data", "etc/littlehub/config.yaml")),
                s.units().toString());
        assertTrue(Files.isDirectory(stage.resolve("home/jupyter-bob"), LinkOption.NOFOLLOW_LINKS));

        Staging evil = new Staging(evilStage);
        evil.entry(TarEntry.symlink("srv/data", "/etc", 0, 0, "", "", 0), new ByteArrayInputStream(new byte[0]));
        assertThrows(
                TarFormatException.class,
                () -> evil.entry(
                        TarEntry.file("srv/data/cron", 0644, 0, 0, "", "", 0, 0),
                        new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void manifestJsonRoundTrip() throws IOException {
        Manifest m = new Manifest(
                Manifest.FORMAT,
                "0.1.0",
                "class",
                "vm",
                "2025-01-01T00:00:00Z",
                "2025-01-01T00:00:09Z",
                Manifest.SECRETS_OMITTED,
                List.of(new Manifest.User("jupyter-ada", 1001, 1001, "/home/jupyter-ada")),
                List.of(new Manifest.Entry("srv/data/a", "file", "0644", 0, 0, 1_700_000_000L, 3L, "ab", null)),
                List.of("a note"));
        Manifest back = Manifest.parse(m.toJson());
        assertEquals(m, back);
        assertEquals(
                m, Manifest.parseGzip(new ByteArrayInputStream(m.toGzip())), "as the laptop sends it to the agent");
        assertThrows(TarFormatException.class, () -> Manifest.parseGzip(new ByteArrayInputStream(m.toJson())));
        // The file inside every archive, as an older or newer littlehub (or a person) reads it: the documented names.
        com.fasterxml.jackson.databind.JsonNode written = new ObjectMapper().readTree(m.toJson());
        assertEquals(Manifest.FORMAT, written.path("format").asText(), written.toString());
        assertEquals("0.1.0", written.path("littlehub_version").asText(), written.toString());
        assertEquals("jupyter-ada", written.path("users").path(0).path("name").asText(), written.toString());
        assertEquals("srv/data/a", written.path("entries").path(0).path("path").asText(), written.toString());
        assertEquals(
                1_700_000_000L, written.path("entries").path(0).path("mtime").asLong(), written.toString());
        assertThrows(
                TarFormatException.class,
                () -> Manifest.parse("{\"format\": \"other\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aManifestWithoutTimesFromAnOlderLittlehubStaysReadableAndItsTimesAreNotChecked() throws IOException {
        byte[] tar = backup(null);
        Manifest m = ArchiveVerifier.verify(new ByteArrayInputStream(tar), null).manifest();
        ObjectMapper json = new ObjectMapper();
        ObjectNode older = (ObjectNode) json.readTree(m.toJson());
        assertTrue(older.remove("started") != null);
        older.withArray("entries").forEach(e -> assertTrue(((ObjectNode) e).remove("mtime") != null));
        Manifest parsed = Manifest.parse(json.writeValueAsBytes(older));
        assertNull(parsed.started());
        assertNull(parsed.entries().get(0).mtime());
        Manifest.Entry actual = m.entries().get(0);
        assertNull(parsed.entries().get(0).mismatch(actual), "no time to compare");
        Manifest.Entry later = new Manifest.Entry(
                actual.path(),
                actual.type(),
                actual.mode(),
                actual.uid(),
                actual.gid(),
                actual.mtime() + 1,
                actual.size(),
                actual.sha256(),
                actual.target());
        assertEquals("its modification time differs from the manifest's", actual.mismatch(later));
    }

    @Test
    void healthUrlFollowsTheConfig() {
        assertEquals("http://127.0.0.1:80/hub/health", io.littlehub.agent.config.HubHealth.url(""));
        assertEquals(
                "http://10.0.0.1:8000/class/hub/health",
                io.littlehub.agent.config.HubHealth.url("http: {address: 10.0.0.1, port: 8000}\nbase_url: /class/\n"));
    }

    private static int indexOf(byte[] hay, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= hay.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (hay[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(needle);
    }
}
