package io.littlehub.cli.transport;

/**
 * Every way reaching a VM over SSH can fail, as one exception: {@link #problem()} names what went wrong in the
 * teacher's words, {@link #fix()} says what to do about it.
 */
public final class SshFailure extends RuntimeException {
    private final String problem;
    private final String fix;
    private final boolean stalled;

    public SshFailure(String problem, String fix) {
        this(problem, fix, null);
    }

    public SshFailure(String problem, String fix, Throwable cause) {
        this(problem, fix, cause, false);
    }

    private SshFailure(String problem, String fix, Throwable cause, boolean stalled) {
        super(problem + (fix == null || fix.isEmpty() ? "" : "\n  fix: " + fix), cause);
        this.problem = problem;
        this.fix = fix == null ? "" : fix;
        this.stalled = stalled;
    }

    /** The network stalled or dropped (a timeout, a reset): a step that changed nothing may be tried again. */
    static SshFailure stall(String problem, String fix, Throwable cause) {
        return new SshFailure(problem, fix, cause, true);
    }

    /** True for a {@link #stall}: {@link StallRetry} tries such a step again. */
    public boolean stalled() {
        return stalled;
    }

    /** What went wrong, one sentence or two. */
    public String problem() {
        return problem;
    }

    /** What to do about it; may be empty when there is nothing the teacher can do. */
    public String fix() {
        return fix;
    }
}
