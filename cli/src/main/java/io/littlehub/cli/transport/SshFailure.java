package io.littlehub.cli.transport;

/**
 * Every way reaching a VM over SSH can fail, as one exception: {@link #problem()} names what went wrong in the
 * teacher's words, {@link #fix()} says what to do about it.
 */
public final class SshFailure extends RuntimeException {
    private final String problem;
    private final String fix;

    public SshFailure(String problem, String fix) {
        this(problem, fix, null);
    }

    public SshFailure(String problem, String fix, Throwable cause) {
        super(problem + (fix == null || fix.isEmpty() ? "" : "\n  fix: " + fix), cause);
        this.problem = problem;
        this.fix = fix == null ? "" : fix;
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
