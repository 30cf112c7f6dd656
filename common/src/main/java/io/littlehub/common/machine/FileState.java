package io.littlehub.common.machine;

/** A path's current state as an operation sees it: kind, owner, group, permission bits, content hash (files only). */
public record FileState(boolean directory, String owner, String group, int mode, String sha256) {}
