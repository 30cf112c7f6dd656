package io.littlehub.cli.z2jh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.remote.AgentOptions;
import io.littlehub.cli.remote.ConfigCommands;
import io.littlehub.cli.remote.ExportCommands;
import io.littlehub.cli.remote.UserEnvCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.Result;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.Layout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code littlehub export z2jh}: reads the hub's config (with its secrets), the users' environment's newest record and
 * Python, and with {@code --carry-secrets} the cookie secret and the proxy token; {@link ExportFiles} makes the files;
 * they are written into the folder, secret-values.yaml 0600; every key with no chart equivalent is printed.
 */
public final class Z2jhExport {
    public record Request(String hubName, Path out, boolean force, boolean carrySecrets) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConfigContext ctx;

    public Z2jhExport(ConfigContext ctx) {
        this.ctx = ctx;
    }

    public int run(Request req) throws IOException {
        Hub hub = HubConnections.find(ctx.registry(), req.hubName());
        Path out = req.out() == null ? Path.of("z2jh-" + ChartValues.slug(hub.name())) : req.out();
        OutputFolder.check(out, req.force(), "--out");
        ExportFiles.HubFacts facts;
        try (RemoteHost host = HubConnections.connect(ctx, hub)) {
            facts = read(host, hub.name(), req.carrySecrets());
        }
        ExportFiles.Export export = ExportFiles.of(facts);
        for (var file : export.files().entrySet()) {
            OutputFolder.write(
                    out, file.getKey(), file.getValue(), file.getKey().equals(ExportFiles.SECRET_VALUES));
        }
        ctx.out()
                .println("Exported the hub " + hub.name() + " for Zero to JupyterHub into " + out + ": "
                        + ExportFiles.VALUES + ", " + ExportFiles.SECRET_VALUES + " (0600, keep it private), "
                        + ExportFiles.IMAGE_DIR + "/ (from " + facts.freezeSource() + "), " + ExportFiles.MIGRATION);
        MigrationNotes.unmappedLines(export.translation()).forEach(ctx.out()::println);
        ctx.out().println("Next: the commands in " + out.resolve(ExportFiles.MIGRATION));
        return ExitCodes.OK;
    }

    private static ExportFiles.HubFacts read(RemoteHost host, String hubName, boolean carry) throws IOException {
        String config = ok(host.runAsRoot(ConfigCommands.readWithSecrets("show")), "read the hub's config");
        String freeze;
        String source;
        JsonNode records = JSON.readTree(ok(
                host.runAsRoot(UserEnvCommands.history(null, new AgentOptions(true, null, null))),
                "list the users' environment's records"));
        if (records.isArray() && !records.isEmpty()) {
            int newest = records.get(records.size() - 1).get("number").asInt();
            freeze = ok(host.runAsRoot(UserEnvCommands.history(newest, AgentOptions.NONE)), "read record " + newest);
            source = "record " + newest + " of the users' environment";
        } else {
            freeze = ok(host.runAsRoot(UserEnvCommands.freeze(AgentOptions.NONE)), "freeze the users' environment");
            source = "the users' environment as it is (nothing recorded yet)";
        }
        String python = ok(host.run(ExportCommands.userPython()), "ask the users' environment's Python")
                .strip();
        String cookie = null;
        String token = null;
        if (carry) {
            cookie = ok(host.runAsRoot(ExportCommands.read(Layout.COOKIE_SECRET)), "read the cookie secret")
                    .strip();
            token = proxyToken(ok(host.runAsRoot(ExportCommands.read(Layout.PROXY_ENV)), "read the proxy's token"));
        }
        return new ExportFiles.HubFacts(hubName, config, freeze, source, python, cookie, token);
    }

    /** CONFIGPROXY_AUTH_TOKEN's value in proxy.env. */
    static String proxyToken(String env) {
        for (String line : env.split("\n")) {
            if (line.startsWith("CONFIGPROXY_AUTH_TOKEN=")) {
                return line.substring("CONFIGPROXY_AUTH_TOKEN=".length()).strip();
            }
        }
        throw new IllegalStateException(Layout.PROXY_ENV + " on the hub has no CONFIGPROXY_AUTH_TOKEN line:"
                + " run `littlehub doctor --fix`, or export without --carry-secrets");
    }

    private static String ok(Result r, String what) {
        if (!r.ok()) {
            List<String> err = r.stderr().lines().filter(l -> !l.isBlank()).toList();
            throw new IllegalStateException("could not " + what + " on the hub (exit " + r.exitCode() + ")"
                    + (err.isEmpty() ? "" : ": " + err.get(err.size() - 1).strip()));
        }
        return r.stdout();
    }
}
