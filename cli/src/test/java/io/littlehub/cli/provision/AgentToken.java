package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.testvm.Vm;
import io.littlehub.testvm.VmSsh;
import java.time.Duration;

/**
 * The agent's hub API token on a test VM, as the agent uses it. Releases before the 48-character token wrote 64
 * characters, which JupyterHub 6.1.0 and 5.5.3 refuse (6.1.1 and 5.5.4 take them again).
 */
public final class AgentToken {
    static final String PATH = "/opt/littlehub/state/agent-api-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentToken() {}

    /** A 64-character token, as earlier releases wrote it, and the hub restarted on it. */
    public static void asAnEarlierReleaseWroteIt(Vm vm, String hubBase) throws Exception {
        vm.check(
                "sudo",
                "sh",
                "-c",
                "python3 -c 'import secrets; print(secrets.token_hex(32))' > " + PATH
                        + " && systemctl restart jupyterhub");
        new HubClient(hubBase).awaitHub(Duration.ofSeconds(120));
        assertEquals(64, length(vm), "an earlier release's token");
    }

    public static int length(Vm vm) {
        return vm.check("sudo", "cat", PATH).strip().length();
    }

    /**
     * {@code GET /hub/api/user} with the token, as the agent calls the hub (127.0.0.1:8081, on the VM): whom the hub
     * takes it for, with its scopes; must be service {@code littlehub-agent} (a refused token: 403, and this fails).
     */
    public static JsonNode assertTheHubKnowsTheAgent(Vm vm, String when) throws Exception {
        VmSsh.Result r = vm.exec(
                "sudo",
                "/opt/littlehub/current/hub/bin/python",
                "-c",
                "import urllib.request as u; t = open('" + PATH + "').read().strip(); print(u.urlopen(u.Request("
                        + "'http://127.0.0.1:8081/hub/api/user', headers={'Authorization': 'token ' + t})).read()"
                        + ".decode())");
        assertTrue(r.ok(), when + ": " + r.stdout() + r.stderr());
        JsonNode me = JSON.readTree(r.stdout());
        assertEquals("service", me.path("kind").asText(), when + ": " + me);
        assertEquals("littlehub-agent", me.path("name").asText(), when + ": " + me);
        return me;
    }
}
