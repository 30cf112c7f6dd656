package io.littlehub.agent.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.common.BuildInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code littlehub-agent release [--json]}: which littlehub release the hub runs, which one a rollback returns to. */
@Command(name = "release", description = "Show the littlehub release the hub runs, the previous one, and this agent's.")
public final class ReleaseCommand implements Callable<Integer> {
    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Releases releases = Releases.onThisMachine();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("current", releases.current().orElse(null));
        r.put("previous", releases.previous().orElse(null));
        r.put("agent", BuildInfo.version());
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            System.out.println("hub runs:  littlehub " + releases.current().orElse("(no release: not provisioned)"));
            System.out.println("previous:  "
                    + releases.previous()
                            .map(v -> "littlehub " + v + " (`rollback` returns to it)")
                            .orElse("(none)"));
            System.out.println("this agent: littlehub " + BuildInfo.version());
        }
        return 0;
    }
}
