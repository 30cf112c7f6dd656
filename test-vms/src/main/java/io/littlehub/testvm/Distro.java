package io.littlehub.testvm;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The Debian releases a test VM can run. Ubuntu's archive is out of reach here, so it is not offered. */
public enum Distro {
    DEBIAN_12("debian-12", "bookworm", "debian:12"),
    DEBIAN_13("debian-13", "trixie", "debian:13");

    private final String id;
    private final String suite;
    private final String dockerImage;

    Distro(String id, String suite, String dockerImage) {
        this.id = id;
        this.suite = suite;
        this.dockerImage = dockerImage;
    }

    public String id() {
        return id;
    }

    public String suite() {
        return suite;
    }

    public String dockerImage() {
        return dockerImage;
    }

    public static Distro parse(String id) {
        return Arrays.stream(values())
                .filter(d -> d.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new HarnessException("unknown image '" + id + "': use one of "
                        + Arrays.stream(values()).map(Distro::id).collect(Collectors.joining(", "))));
    }
}
