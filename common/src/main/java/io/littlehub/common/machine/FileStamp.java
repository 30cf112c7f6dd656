package io.littlehub.common.machine;

import java.time.Instant;

/** A regular file's size and modification time, read without its content. */
public record FileStamp(long size, Instant modified) {}
