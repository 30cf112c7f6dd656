package io.littlehub.cli.hubs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.ErrorExits;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.remote.AgentOptions;
import io.littlehub.cli.remote.HubCheckCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.Result;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What {@code littlehub hubs} tells of each hub beyond the inventory: whether it answers, its release and HTTPS, from
 * the hub agent's {@code status --json}. All hubs at once; one that does not answer costs the SSH connect timeout.
 */
public final class HubProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param reachable false: {@code problem} says why
     * @param https "off", or "on (certificate expires …)"; null when unknown
     */
    public record Probe(Hub hub, boolean reachable, String release, String https, String problem) {}

    private HubProbe() {}

    public static List<Probe> all(ConfigContext ctx, List<Hub> hubs, int forks) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(forks, hubs.size())));
        // A host key or passphrase question comes one hub at a time, named, as in ManyHubs.
        ReentrantLock turn = new ReentrantLock(true);
        int width = hubs.stream().mapToInt(h -> h.name().length()).max().orElse(1);
        try {
            List<Future<Probe>> probes = hubs.stream()
                    .map(h -> pool.submit(() -> one(
                            HubPrompter.asking(
                                    ctx, turn, h.name(), new HubLines(ctx.err(), h.name(), width, false).stream()),
                            h)))
                    .toList();
            return probes.stream().map(HubProbe::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Probe join(Future<Probe> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    static Probe one(ConfigContext ctx, Hub hub) {
        Result status;
        try (RemoteHost host = HubConnections.connect(ctx, hub)) {
            status = host.runAsRoot(HubCheckCommands.status(new AgentOptions(true, null, null)));
        } catch (RuntimeException e) {
            return new Probe(hub, false, null, null, ErrorExits.message(e));
        }
        return read(hub, status.stdout());
    }

    /** The probe of a hub that answered with {@code statusJson} (the agent's {@code status --json}). */
    static Probe read(Hub hub, String statusJson) {
        JsonNode s;
        try {
            s = JSON.readTree(statusJson);
        } catch (IOException e) {
            return new Probe(hub, true, null, null, "its agent's status is not JSON: is littlehub provisioned there?");
        }
        if (s == null || !s.isObject()) {
            return new Probe(hub, true, null, null, "its agent gave no status: is littlehub provisioned there?");
        }
        String release = s.path("release").path("littlehub").asText(null);
        JsonNode cert = s.path("certificate");
        String https = cert.isMissingNode() || cert.isNull()
                ? null
                : cert.path("expires").isTextual()
                        ? "on (certificate expires " + cert.get("expires").asText() + ")"
                        : "off";
        return new Probe(hub, true, release, https, null);
    }
}
