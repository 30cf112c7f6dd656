package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.remote.UserEnvCommands;
import io.littlehub.common.ExitCodes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code littlehub env install|remove|list|freeze|rebuild|history}: the users' environment on the hub. Parses only;
 * the agent ({@code littlehub-agent env …}) checks the packages, locks, rolls back and records.
 */
@Command(
        name = "env",
        mixinStandardHelpOptions = true,
        description = {
            "The users' environment: the Python every user's server and kernel run in (/opt/littlehub/user on the VM).",
            "Every change takes the hub's change lock, is health-checked (JupyterLab, Notebook, ipykernel and JupyterHub still import, pip check"
                    + " finds nothing new), rolled back when that fails, and recorded (`littlehub env history`).",
            "Packages go after --, like: littlehub env install -- numpy 'pandas>=2'"
        })
@ExitsWith({ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNREACHABLE, ExitCodes.LOCKED})
public final class EnvCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "install",
            mixinStandardHelpOptions = true,
            description = "pip install packages for everyone, like: env install -- numpy==2.1 'scipy>=1.11,<2'")
    int install(
            @Parameters(
                            paramLabel = "PACKAGE",
                            arity = "1..*",
                            description = "a PyPI name with optional [extras] and version")
                    List<String> packages,
            @Mixin ChangeOptions hub) {
        return hub.change(o -> UserEnvCommands.install(packages, o));
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description =
                    "pip uninstall packages (not the ones the hub needs: jupyterhub, jupyterlab, notebook, ipykernel, nbgitpuller).")
    int remove(@Parameters(paramLabel = "PACKAGE", arity = "1..*") List<String> packages, @Mixin ChangeOptions hub) {
        return hub.change(o -> UserEnvCommands.remove(packages, o));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "pip list: the packages and their versions.")
    int list(@Mixin HubOptions hub) {
        return hub.read(UserEnvCommands::list);
    }

    @Command(
            name = "freeze",
            mixinStandardHelpOptions = true,
            description = "pip freeze: a requirements file of the environment.")
    int freeze(@Mixin HubOptions hub) {
        return hub.read(UserEnvCommands::freeze);
    }

    @Command(
            name = "rebuild",
            mixinStandardHelpOptions = true,
            description =
                    "Recreate a broken environment in place from the record (the newest entry, or N from `env history`), or from the release's pins.")
    int rebuild(
            @Parameters(paramLabel = "N", arity = "0..1") Integer number,
            @Option(names = "--pins", description = "install the release's pinned versions instead of a record")
                    boolean pins,
            @Mixin ChangeOptions hub) {
        return hub.change(o -> UserEnvCommands.rebuild(number, pins, o));
    }

    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "The recorded environments, newest last; with N, that record's freeze.")
    int history(@Parameters(paramLabel = "N", arity = "0..1") Integer number, @Mixin HubOptions hub) {
        return hub.read(o -> UserEnvCommands.history(number, o));
    }
}
