package io.littlehub.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.common.machine.FakeMachine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What is installed in a venv, read from its dist-info folders: no Python started, the versions pip list shows. */
class PipInstalledTest {
    private static final String SITE = "/v/lib/python3.11/site-packages";

    private static FakeMachine venv() {
        return new FakeMachine()
                .file("/v/bin/python", "")
                .directory("/v/lib/python3.11")
                .directory(SITE + "/jupyterhub-5.3.0.dist-info")
                .file(
                        SITE + "/jupyterhub-5.3.0.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: jupyterhub\n"
                                + "Version: 5.3.0\nSummary: x\n\nVersion: 9.9 in the description, not a header\n")
                .directory(SITE + "/jupyterhub_idle_culler-1.4.0.dist-info")
                .file(
                        SITE + "/jupyterhub_idle_culler-1.4.0.dist-info/METADATA",
                        "Name: jupyterhub-idle-culler\n" + "Version: 1.4.0\n")
                .directory(SITE + "/rfc3987_syntax-1.1.0.dist-info")
                .file(SITE + "/rfc3987_syntax-1.1.0.dist-info/METADATA", "Version: 1.1.0\n")
                .directory(SITE + "/requests-2.32.3.dist-info")
                .directory(SITE + "/jupyterhub");
    }

    @Test
    void thePinnedAndTheAbsentAreReadFromTheirMetadataWithoutRunningAnything() {
        FakeMachine vm = venv();
        PipPackages op = new PipPackages(
                "/v", Map.of("jupyterhub", "5.3.0", "jupyterhub-idle-culler", "1.4.0"), List.of("rfc3987-syntax"));
        Map<String, String> installed = op.gather(vm);
        assertEquals(
                Map.of("jupyterhub", "5.3.0", "jupyterhub-idle-culler", "1.4.0", "rfc3987-syntax", "1.1.0"), installed);
        assertEquals(List.of(), vm.ran(), "no pip list, no python");
        assertEquals(
                List.of(new Action.Run(
                        "remove rfc3987-syntax from /v",
                        List.of(
                                "/v/bin/python",
                                "-m",
                                "pip",
                                "uninstall",
                                "--disable-pip-version-check",
                                "--yes",
                                "rfc3987-syntax"))),
                op.plan(installed));
    }

    @Test
    void anotherVersionOrAMissingPackageIsInstalled() {
        PipPackages op = new PipPackages("/v", Map.of("jupyterhub", "5.4.0", "oauthenticator", "17.4.0"));
        assertEquals(Map.of("jupyterhub", "5.3.0"), op.gather(venv()));
        assertEquals(
                "install jupyterhub==5.4.0 oauthenticator==17.4.0 into /v",
                op.plan(op.gather(venv())).get(0).describe());
    }

    @Test
    void aVenvWithoutPythonHasNothing() {
        assertEquals(Map.of(), new PipPackages("/v", Map.of("jupyterhub", "5.3.0")).gather(new FakeMachine()));
    }
}
