package io.littlehub.agent.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The passphrase line at the start of stdin, read byte by byte so the rest of the stream (an archive) stays unread. */
final class Stdin {
    private Stdin() {}

    static char[] line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (b.size() > 4096) {
                throw new IOException("the passphrase line on stdin is too long");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.UTF_8);
        if (s.endsWith("\r")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.toCharArray();
    }
}
