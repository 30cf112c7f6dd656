package io.littlehub.common.backup;

/** The names an archive may hold: relative, normalized, never leaving the folder it is unpacked into. */
public final class TarNames {
    private TarNames() {}

    static void check(String name) {
        if (name == null || name.isEmpty()) {
            throw new TarFormatException("an entry has no name");
        }
        if (name.startsWith("/") || name.endsWith("/") || name.indexOf('\0') >= 0) {
            throw new TarFormatException("entry name not accepted (absolute, trailing / or NUL): " + printable(name));
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new TarFormatException("entry name not accepted (empty, . or .. part): " + printable(name));
            }
        }
    }

    public static String printable(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
