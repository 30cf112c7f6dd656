package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.cloudinit.DefaultKey;
import io.littlehub.cli.cloudinit.SshPublicKey;
import io.littlehub.cli.cloudinit.UserData;
import io.littlehub.common.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code littlehub cloud-init [--user NAME] [--key FILE]}: parses, then prints {@link UserData}. Needs no VM. */
@Command(
        name = "cloud-init",
        mixinStandardHelpOptions = true,
        description = {
            "Print #cloud-config user data that readies a new Debian or Ubuntu VM for `littlehub provision`:",
            "a login user with passwordless sudo and your SSH public key, and a firewall that lets in only ports 22, 80 and 443.",
            "Paste it as the VM's \"user data\" when you create it (see providers/*.md)."
        },
        footer = {"", "Example: littlehub cloud-init --user teacher > user-data.yaml"})
@ExitsWith({ExitCodes.OK, ExitCodes.USAGE})
public final class CloudInitCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--user",
            paramLabel = "NAME",
            defaultValue = "teacher",
            description = "the login user to create (default ${DEFAULT-VALUE})")
    String user;

    @Option(
            names = "--key",
            paramLabel = "FILE",
            description = "your SSH public key (default: the first of ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub)")
    Path key;

    @Override
    public Integer call() {
        Path file = key != null ? key : DefaultKey.in(Path.of(System.getProperty("user.home")));
        String userData = UserData.of(user, SshPublicKey.read(file));
        spec.commandLine().getOut().print(userData);
        spec.commandLine().getOut().flush();
        spec.commandLine()
                .getErr()
                .println("littlehub: user data for " + user + " with the key in " + file
                        + " (paste it as the VM's user data)");
        return ExitCodes.OK;
    }
}
