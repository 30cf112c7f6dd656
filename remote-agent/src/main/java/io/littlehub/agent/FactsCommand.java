package io.littlehub.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.littlehub.common.machine.LocalMachine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code littlehub-agent facts}: prints the machine's facts as one JSON object. */
@Command(name = "facts", description = "Print this machine's facts (OS, architecture, memory, disk, systemd) as JSON.")
final class FactsCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        System.out.println(json.writeValueAsString(HostFacts.gather(new LocalMachine())));
        return 0;
    }
}
