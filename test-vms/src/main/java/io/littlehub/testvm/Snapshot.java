package io.littlehub.testvm;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A saved VM layer that new VMs can start from (for example "freshly provisioned"). It sits on its parent snapshot,
 * or directly on the base image, and belongs to one backend.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Snapshot(
        String name,
        String backend,
        String image,
        String parent,
        String containerImage,
        @JsonIgnore Path dir) {
    static final String FILE = "snapshot.json";

    Path layer() {
        return dir.resolve("layer");
    }

    /** The QEMU disk: a QEMU snapshot's saved overlay, or an nspawn snapshot's conversion (with vmlinuz and initrd.img beside it). */
    Path disk() {
        return dir.resolve("disk.qcow2");
    }

    void save() {
        try {
            VmState.JSON
                    .writerWithDefaultPrettyPrinter()
                    .writeValue(dir.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Snapshot load(Path dir) {
        try {
            Snapshot s = VmState.JSON.readValue(dir.resolve(FILE).toFile(), Snapshot.class);
            return new Snapshot(s.name, s.backend, s.image, s.parent, s.containerImage, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot " + dir, e);
        }
    }
}
