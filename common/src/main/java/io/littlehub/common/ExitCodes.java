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
    /**
     * The change restarts the hub while people are active on it, and the teacher did not say go ahead (or {@code
     * --when-idle} waited in vain); nothing was changed.
     */
    public static final int PEOPLE_ACTIVE = 7;

    private ExitCodes() {}

    /** What {@code code} means, in the words every command's help lists its exit codes with. */
    public static String meaning(int code) {
        return switch (code) {
            case OK -> "done";
            case FAILED -> "failed: the message says what and what was undone";
            case USAGE -> "bad command line or input (the message names the fix); nothing changed";
            case UNREACHABLE -> "the VM could not be reached or logged in to over SSH";
            case UNSUPPORTED -> "the VM's system is not supported, or the VM is too small";
            case INVALID_CONFIG -> "invalid config or names, each problem printed; nothing changed";
            case LOCKED -> "another change holds the lock (its holder is printed); nothing changed";
            case PEOPLE_ACTIVE -> "the hub would restart while people are active; nothing changed";
            default -> throw new IllegalArgumentException("no exit code " + code);
        };
    }
}
