package io.littlehub.common.students;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The bytes of a roster file as text, in the encoding schools' exports come in: a byte order mark says UTF-8 (Excel's
 * "CSV UTF-8") or UTF-16 (its "Unicode text"); without one, text that is valid UTF-8 is UTF-8 and anything else is
 * Windows-1252 (Excel's plain "CSV" on Windows in Western Europe and the Americas; Latin-1 with more letters), since
 * a file in a legacy encoding is almost never valid UTF-8 by chance. The teacher may name the encoding instead; then
 * bytes that are not that encoding are a problem naming their line.
 */
public final class RosterEncoding {
    /** The text ({@code null} on a problem), the encoding it was read in, whether that is the Windows-1252 guess. */
    public record Decoded(String text, Charset charset, boolean guessed, String problem) {}

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private RosterEncoding() {}

    /** The encoding a teacher named (utf-8, windows-1252, latin-1, cp1252…); else IllegalArgumentException. */
    public static Charset named(String name) {
        for (String candidate : new String[] {name, name.replace("-", "").replace("_", "")}) {
            try {
                return Charset.forName(candidate.strip().toLowerCase(Locale.ROOT));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                // the next spelling, then the message below
            }
        }
        throw new IllegalArgumentException("--encoding " + name + " is not an encoding this Java knows: use utf-8,"
                + " windows-1252 (Excel's CSV on Windows) or latin-1");
    }

    /** {@code named} null: detected (see the class comment). */
    public static Decoded decode(String source, byte[] bytes, Charset named) {
        Charset bomCharset = startsWith(bytes, UTF8_BOM)
                ? StandardCharsets.UTF_8
                : startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xFE})
                        ? StandardCharsets.UTF_16LE
                        : startsWith(bytes, new byte[] {(byte) 0xFE, (byte) 0xFF}) ? StandardCharsets.UTF_16BE : null;
        Charset charset = named != null ? named : bomCharset != null ? bomCharset : StandardCharsets.UTF_8;
        CharsetDecoder strict = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = strict.decode(in, out, true);
        if (result.isError()) {
            if (named == null && bomCharset == null) {
                return new Decoded(withoutBom(new String(bytes, WINDOWS_1252)), WINDOWS_1252, true, null);
            }
            int at = in.position();
            long line = 1 + out.flip().chars().filter(c -> c == '\n').count();
            return new Decoded(
                    null,
                    charset,
                    false,
                    source + " line " + line + ": byte 0x"
                            + String.format("%02X", bytes[at]) + " is not " + charset.displayName()
                            + ": save the file as "
                            + "UTF-8, or name the encoding it is in with --encoding (windows-1252 is Excel's CSV on Windows)");
        }
        strict.flush(out);
        return new Decoded(withoutBom(out.flip().toString()), charset, false, null);
    }

    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
