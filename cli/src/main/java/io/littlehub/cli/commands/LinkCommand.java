package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.course.NbgitpullerLink;
import io.littlehub.cli.course.QrPng;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.common.ExitCodes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code littlehub link REPO-URL}: the nbgitpuller link that copies a repository into each student's home. */
@Command(
        name = "link",
        mixinStandardHelpOptions = true,
        description = {
            "The link that gives every student a repository's files (nbgitpuller): opening it signs them in, copies"
                    + " the repository into their home (later: pulls what changed, keeping their own edits) and opens it.",
            "Put it on the course page, or on the projector with --qr."
        })
@ExitsWith({ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE})
public final class LinkCommand implements Callable<Integer> {
    @Parameters(paramLabel = "REPO-URL", description = "the repository's http(s) address")
    String repoUrl;

    @Option(names = "--branch", paramLabel = "B", description = "the branch (default: the repository's own)")
    String branch;

    @Option(names = "--path", paramLabel = "P", description = "the file or folder in the repository to open")
    String path;

    @Option(
            names = "--app",
            paramLabel = "lab|notebook",
            defaultValue = "lab",
            description = "open it in JupyterLab (default) or Notebook")
    String app;

    @Option(names = "--qr", paramLabel = "FILE.png", description = "also write the link as a QR code (PNG)")
    Path qr;

    @Mixin
    HubOptions hub;

    @Override
    public Integer call() throws IOException {
        NbgitpullerLink.App which = switch (app.toLowerCase(Locale.ROOT)) {
            case "lab" -> NbgitpullerLink.App.LAB;
            case "notebook" -> NbgitpullerLink.App.NOTEBOOK;
            default ->
                throw new IllegalArgumentException(
                        "--app " + app + " is not an app: use --app lab (JupyterLab) or --app notebook");
        };
        ConfigContext ctx = hub.context();
        String hubUrl = HubConnections.find(ctx.registry(), hub.hub).url();
        String link = NbgitpullerLink.of(hubUrl, repoUrl, branch, path, which);
        ctx.out().println(link);
        if (qr != null) {
            QrPng.write(link, qr);
            ctx.out().println("QR code: " + qr);
        }
        return ExitCodes.OK;
    }
}
