package io.littlehub.cli.rehearsal;

/** A simulated student's steps, in order; each is timed from the student's own start (as hubtraf counts). */
public enum Phase {
    SIGN_IN("sign-in"),
    SERVER_READY("server ready"),
    KERNEL("kernel"),
    FIRST_CELL("first cell"),
    /** The server stopped, after the stay. */
    LEFT("left");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
