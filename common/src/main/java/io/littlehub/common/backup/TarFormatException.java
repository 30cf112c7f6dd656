package io.littlehub.common.backup;

/** The archive is not what littlehub writes: truncated, damaged, or with an entry it does not accept. */
public class TarFormatException extends RuntimeException {
    public TarFormatException(String message) {
        super(message);
    }
}
