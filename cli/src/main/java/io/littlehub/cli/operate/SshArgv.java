package io.littlehub.cli.operate;

import io.littlehub.cli.hubs.Hub;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The system {@code ssh} command line for a remembered hub. Pure. */
public final class SshArgv {
    private SshArgv() {}

    /**
     * {@code ssh -p PORT [-i IDENTITY] [-o UserKnownHostsFile=FILE] -l USER -- HOST [COMMAND…]}. {@code knownHosts}
     * (null: ssh's own) is where littlehub checked the VM's host key, so ssh trusts exactly that key. After
     * {@code --} the host and command are never read as ssh options; as with ssh itself, the command's words are run by
     * the login shell on the VM (so pipes and {@code *} work there).
     */
    public static List<String> of(String program, Hub hub, Path knownHosts, List<String> command) {
        List<String> argv = new ArrayList<>(List.of(program, "-p", Integer.toString(hub.port())));
        if (hub.identity() != null) {
            argv.add("-i");
            argv.add(hub.identity());
        }
        if (knownHosts != null) {
            argv.add("-o");
            // Quoted: ssh splits an unquoted value at spaces into several files.
            argv.add("UserKnownHostsFile=\"" + knownHosts + "\"");
        }
        argv.addAll(List.of("-l", hub.user(), "--", hub.host()));
        argv.addAll(command);
        return argv;
    }
}
