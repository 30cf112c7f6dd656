package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.provision.Provisioner;
import io.littlehub.cli.transport.SshTarget;
import io.littlehub.common.ExitCodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code littlehub provision USER@HOST}: parses, then hands over to {@link Provisioner}. */
@Command(
        name = "provision",
        mixinStandardHelpOptions = true,
        description = "Turn a fresh Debian/Ubuntu VM into a JupyterHub (run again to converge or upgrade its setup).")
@ExitsWith({
    ExitCodes.OK,
    ExitCodes.FAILED,
    ExitCodes.USAGE,
    ExitCodes.UNREACHABLE,
    ExitCodes.UNSUPPORTED,
    ExitCodes.INVALID_CONFIG,
    ExitCodes.LOCKED
})
public final class ProvisionCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "USER@HOST",
            arity = "0..1",
            description = "the VM, as you would give it to ssh (a ~/.ssh/config alias works); with --hubs: none")
    String target;

    @Option(names = "-p", paramLabel = "PORT", description = "SSH port")
    Integer port;

    @Option(names = "-i", paramLabel = "IDENTITY", description = "private key file")
    Path identity;

    @Option(names = "--admin", paramLabel = "NAME", arity = "1..*", description = "hub admin(s); may be repeated")
    List<String> admins = new ArrayList<>();

    @Option(
            names = "--admin-password-file",
            paramLabel = "FILE",
            description =
                    "the admin's password, on the file's first line (the file must be yours alone: chmod 600); without it you are asked twice on a terminal, or one is made up and shown once")
    Path adminPasswordFile;

    @Option(names = "--config", paramLabel = "HUB.YAML", description = "hub config to apply")
    Path config;

    @Option(names = "--yes", description = "accept the VM's host key on first contact without asking")
    boolean yes;

    @Option(names = "--check", description = "plan only: report what would change, change nothing")
    boolean check;

    @Option(names = "--diff", description = "show file changes (secrets are never shown)")
    boolean diff;

    @Option(names = "--json", description = "one JSON event per line, for scripts")
    boolean json;

    @Option(names = "--hub", paramLabel = "NAME", description = "remember the hub under this name (default: the host)")
    String name;

    @Mixin
    HubSelection selection;

    @Mixin
    HubBatches batches;

    private final Supplier<ConfigContext> context;

    public ProvisionCommand() {
        this(ConfigContext::fromEnvironment);
    }

    public ProvisionCommand(Supplier<ConfigContext> context) {
        this.context = context;
    }

    /** The old spelling, kept for scripts: every other command names the hub with {@code --hub}. */
    @Option(names = "--name", paramLabel = "HUB", hidden = true)
    void oldName(String hub) {
        name = hub;
    }

    @Override
    public Integer call() {
        ConfigContext ctx = context.get();
        if (selection.hubs == null) {
            if (target == null) {
                throw new IllegalArgumentException("name the VM as USER@HOST, or known hubs with --hubs");
            }
            batches.rollout(selection);
            SshTarget t = SshTarget.parse(target, port, identity);
            return new Provisioner(ctx.out(), ctx.err(), ctx.registry(), ctx.prompter())
                    .run(
                            new Provisioner.Request(
                                    t, admins, config, check, diff, json, name, null, adminPasswordFile, false),
                            ctx.ssh().withAcceptNewHostKeys(yes).withYesOption("--yes"));
        }
        if (target != null || port != null || identity != null || name != null) {
            throw new IllegalArgumentException("--hubs provisions known hubs again, as the inventory has them:"
                    + " leave out USER@HOST, -p, -i and --hub");
        }
        return selection.each(ctx, null, json, batches.rollout(selection), this::again);
    }

    /** Provisions a known hub again (converges it), reached as the inventory says. */
    private int again(ConfigContext ctx, String hubName) {
        Hub hub = HubConnections.find(ctx.registry(), hubName);
        SshTarget t = new SshTarget(
                hub.user(), hub.host(), hub.port(), hub.identity() == null ? null : Path.of(hub.identity()));
        return new Provisioner(ctx.out(), ctx.err(), ctx.registry(), ctx.prompter())
                .run(
                        new Provisioner.Request(
                                t, admins, config, check, diff, json, hub.name(), hub.url(), adminPasswordFile, false),
                        HubConnections.ssh(ctx, hub).withAcceptNewHostKeys(yes).withYesOption("--yes"));
    }
}
