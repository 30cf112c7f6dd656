package io.littlehub.common;

/** Every exit code littlehub uses, the laptop CLI and the agent on the VM alike, in one place, so scripts can rely on them. */
public final class ExitCodes {
    /** Done: nothing failed. */
    public static final int OK = 0;
    /** A task or check failed on the hub. */
    public static final int FAILED = 1;
    /** The command line was wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** The VM could not be reached or logged in to over SSH. */
    public static final int UNREACHABLE = 3;
    /** The VM runs a system littlehub does not support, or is too small. */
    public static final int UNSUPPORTED = 4;
    /** The hub config has problems (each printed with its line); nothing was changed. */
    public static final int INVALID_CONFIG = 5;
    /** Another change to the hub config holds the lock (its holder is printed); nothing was changed. */
    public static final int LOCKED = 6;

    private ExitCodes() {
    }
}
