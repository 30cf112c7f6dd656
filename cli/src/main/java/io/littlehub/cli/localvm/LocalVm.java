package io.littlehub.cli.localvm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;

/** One booted local test VM as the launcher's {@code up} line describes it: enough to reach it over SSH and HTTP. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LocalVm(
        String name,
        String host,
        @JsonProperty("ssh_port") int sshPort,
        String user,
        String identity,
        @JsonProperty("http_port") int httpPort,
        String folder) {

    /** Where {@code try} keeps the VM's host key: it lives and goes with the VM, which gets new keys when rebuilt. */
    public Path knownHosts() {
        return Path.of(folder).resolve("known_hosts");
    }
}
