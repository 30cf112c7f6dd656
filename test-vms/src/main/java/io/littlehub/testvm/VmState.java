package io.littlehub.testvm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the harness records about one VM in {@code vms/NAME/vm.json}: enough for another process to reach it,
 * stop it, or find out that its owner died. {@code ownerPid} is set for VMs that belong to a test JVM, and null
 * for VMs a person started with {@code vm up}, which live until {@code vm down}. {@code homeDiskMb}: the size of the
 * filesystem of its own that holds /home (nspawn), null when /home is in the VM's tree; {@code homeDiskFs} its type
 * (ext4 when null).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VmState(
        String name,
        String backend,
        String image,
        String snapshot,
        int slot,
        int sshPort,
        int httpPort,
        int httpsPort,
        String user,
        String identity,
        Map<String, Long> pids,
        String containerId,
        Long ownerPid,
        Long ownerStartMillis,
        Integer homeDiskMb,
        String homeDiskFs) {

    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    VmState withPids(Map<String, Long> newPids) {
        return new VmState(
                name,
                backend,
                image,
                snapshot,
                slot,
                sshPort,
                httpPort,
                httpsPort,
                user,
                identity,
                new LinkedHashMap<>(newPids),
                containerId,
                ownerPid,
                ownerStartMillis,
                homeDiskMb,
                homeDiskFs);
    }

    VmState withContainerId(String id) {
        return new VmState(
                name,
                backend,
                image,
                snapshot,
                slot,
                sshPort,
                httpPort,
                httpsPort,
                user,
                identity,
                pids,
                id,
                ownerPid,
                ownerStartMillis,
                homeDiskMb,
                homeDiskFs);
    }

    VmState withOwner(Long pid, Long startMillis) {
        return new VmState(
                name,
                backend,
                image,
                snapshot,
                slot,
                sshPort,
                httpPort,
                httpsPort,
                user,
                identity,
                pids,
                containerId,
                pid,
                startMillis,
                homeDiskMb,
                homeDiskFs);
    }

    /** The one-line JSON that {@code vm up} prints and other tooling reads. */
    public String infoJson() {
        return infoJson(Map.of());
    }

    /** The same line with more fields after the recorded ones (the VM's folder, whether it runs). */
    public String infoJson(Map<String, Object> more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("host", "127.0.0.1");
        m.put("ssh_port", sshPort);
        m.put("user", user);
        m.put("identity", identity);
        m.put("http_port", httpPort);
        m.put("https_port", httpsPort);
        m.put("backend", backend);
        m.put("image", image);
        if (snapshot != null) {
            m.put("snapshot", snapshot);
        }
        m.putAll(more);
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void save(Path file) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static VmState load(Path file) {
        try {
            return JSON.readValue(file.toFile(), VmState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
