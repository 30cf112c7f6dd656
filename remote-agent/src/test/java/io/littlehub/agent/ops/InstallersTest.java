package io.littlehub.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.littlehub.common.machine.FakeMachine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The installers littlehub brings (uv for the Python environments, npm from the registry), as data. */
class InstallersTest {
    private static final String UV = "/opt/littlehub/tools/uv/bin/uv";
    private static final String SHA = "ab".repeat(64);
    private static final String URL = "https://registry.npmjs.org/npm/-/npm-10.9.9.tgz";

    private static List<List<String>> argvs(List<Action> plan) {
        return plan.stream()
                .filter(a -> a instanceof Action.Run)
                .map(a -> ((Action.Run) a).argv())
                .toList();
    }

    @Test
    void uvInstallsIntoTheVenvWithItsCacheCopiedAndCompiled() {
        PipPackages p = new PipPackages(
                "/v", Map.of("jupyterlab", "4.6.6"), List.of("rfc3987-syntax"), UV, "/var/cache/littlehub/uv");
        assertEquals(
                List.of(
                        List.of(
                                UV,
                                "pip",
                                "install",
                                "--python",
                                "/v/bin/python",
                                "--cache-dir",
                                "/var/cache/littlehub/uv",
                                "--link-mode",
                                "copy",
                                "--compile-bytecode",
                                "--native-tls",
                                "--no-progress",
                                "jupyterlab==4.6.6"),
                        List.of(UV, "pip", "uninstall", "--python", "/v/bin/python", "rfc3987-syntax")),
                argvs(p.plan(Map.of())));
        assertEquals(List.of(), p.plan(Map.of("jupyterlab", "4.6.6")));
    }

    @Test
    void uvMakesTheVenvWithPipSeededForPeoplesOwnInstalls() {
        Venv v = new Venv("/opt/littlehub/user", "/usr/bin/python3", UV, "/c/uv");
        List<String> create = List.of(
                UV,
                "venv",
                "--python",
                "/usr/bin/python3",
                "--seed",
                "--cache-dir",
                "/c/uv",
                "--link-mode",
                "copy",
                "--native-tls",
                "--no-progress",
                "/opt/littlehub/user");
        // uv seeds pip and setuptools without bytecode: compiled at once (students cannot write __pycache__ there).
        List<String> compile =
                List.of("/opt/littlehub/user/bin/python", "-m", "compileall", "-q", "/opt/littlehub/user/lib");
        assertEquals(List.of(create, compile), argvs(v.plan(Venv.Facts.MISSING)));
        assertEquals(
                List.of(List.of("rm", "-rf", "--one-file-system", "/opt/littlehub/user"), create, compile),
                argvs(v.plan(Venv.Facts.BROKEN)));
        assertEquals(List.of(), v.plan(Venv.Facts.WORKING));
    }

    @Test
    void uvComesWithItsCache() {
        assertThrows(
                IllegalArgumentException.class, () -> new PipPackages("/v", Map.of("a", "1"), List.of(), UV, null));
    }

    @Test
    void registryNpmRunsOnNodeWithItsCacheFirst() {
        NpmPackages n = new NpmPackages(
                "/opt/littlehub/proxy",
                Map.of("configurable-http-proxy", "5.1.0"),
                "/opt/littlehub/tools/npm/bin/npm-cli.js",
                "/var/cache/littlehub/npm");
        assertEquals(
                List.of(List.of(
                        "node",
                        "/opt/littlehub/tools/npm/bin/npm-cli.js",
                        "install",
                        "--global",
                        "--prefix",
                        "/opt/littlehub/proxy",
                        "--no-fund",
                        "--no-audit",
                        "--cache",
                        "/var/cache/littlehub/npm",
                        "--prefer-offline",
                        "--no-update-notifier",
                        "configurable-http-proxy@5.1.0")),
                argvs(n.plan(Map.of())));
    }

    @Test
    void tarballUnpackedWithThisShaIsLeftAlone() {
        FakeMachine m = new FakeMachine();
        m.file("/t/npm/" + Tarball.MARKER, SHA + "\n");
        Tarball t = new Tarball(URL, SHA, "/t/npm", "/c");
        assertEquals(List.of(), t.plan(t.gather(m)));
    }

    @Test
    void tarballIsDownloadedCheckedAndRenamedIntoPlace() {
        Tarball t = new Tarball(URL, SHA, "/t/npm", "/c");
        List<Action> plan = t.plan(new Tarball.Facts(false, false));
        assertEquals(
                List.of(
                        List.of("curl", "-fsSL", "--retry", "3", "-o", "/c/npm-10.9.9.tgz.part", URL),
                        List.of("mv", "/c/npm-10.9.9.tgz.part", "/c/npm-10.9.9.tgz"),
                        List.of(
                                "sh",
                                "-c",
                                "echo \"$0  $1\" | sha512sum --check --quiet - || { rm -f \"$1\"; exit 1; }",
                                SHA,
                                "/c/npm-10.9.9.tgz"),
                        List.of("rm", "-rf", "--one-file-system", "/t/npm.new"),
                        List.of(
                                "tar",
                                "-xzf",
                                "/c/npm-10.9.9.tgz",
                                "-C",
                                "/t/npm.new",
                                "--strip-components=1",
                                "--no-same-owner"),
                        List.of("rm", "-rf", "--one-file-system", "/t/npm"),
                        List.of("mv", "/t/npm.new", "/t/npm")),
                argvs(plan));
        // The marker is written into the staging folder, before the rename: a cut-off unpack has none in place.
        Action.WriteFile marker = (Action.WriteFile) plan.stream()
                .filter(a -> a instanceof Action.WriteFile)
                .findFirst()
                .orElseThrow();
        assertEquals("/t/npm.new/" + Tarball.MARKER, marker.path());
        assertEquals(SHA + "\n", marker.content());
    }

    @Test
    void aCachedTarballIsNotFetchedAgainButCheckedAgain() {
        FakeMachine m = new FakeMachine();
        m.file("/c/npm-10.9.9.tgz", "tarball");
        m.file("/t/npm/" + Tarball.MARKER, "another sha\n");
        Tarball t = new Tarball(URL, SHA, "/t/npm", "/c");
        List<List<String>> plan = argvs(t.plan(t.gather(m)));
        assertEquals("sh", plan.get(0).get(0));
        assertEquals(0, plan.stream().filter(a -> a.get(0).equals("curl")).count());
    }

    @Test
    void aShaThatIsNotOneIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Tarball(URL, "sha512-OnUG", "/t", "/c"));
        assertEquals("sha512 must be 128 lowercase hex digits, not sha512-OnUG", e.getMessage());
    }
}
