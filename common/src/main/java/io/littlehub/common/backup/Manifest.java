package io.littlehub.common.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The last entry of a backup archive ({@link ArchiveLayout#MANIFEST}): what the archive holds, so the laptop and the
 * agent can prove an archive complete and unchanged before anything is restored. Every other entry is listed, in
 * archive order, with its type, mode, owner and modification time, and for files the size and SHA-256 of the content.
 * Manifests written before the times were added ({@code started} and each entry's {@code mtime} absent) stay readable;
 * an incremental backup cannot build on them ({@link QuickCheck}).
 *
 * @param format {@link #FORMAT}
 * @param started when the agent began to write the archive (ISO-8601): a file modified since may have changed after it was read
 * @param secrets {@code "encrypted"} (entry {@link ArchiveLayout#SECRETS}) or {@code "omitted"} (--no-secrets)
 * @param users the students' (and admins') unix users whose homes are in the archive
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        String format,
        @JsonProperty("littlehub_version") String littlehubVersion,
        String hub,
        String host,
        String started,
        String created,
        String secrets,
        List<User> users,
        List<Entry> entries,
        List<String> notes) {

    public static final String FORMAT = "littlehub-backup/1";
    public static final String SECRETS_ENCRYPTED = "encrypted";
    public static final String SECRETS_OMITTED = "omitted";
    /** The largest manifest read (its JSON). */
    public static final int MAX_BYTES = 256 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Manifest {
        users = users == null ? List.of() : List.copyOf(users);
        entries = entries == null ? List.of() : List.copyOf(entries);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A unix user whose home is in the archive (recreated by name on restore when missing). */
    public record User(String name, long uid, long gid, String home) {}

    /**
     * @param type {@code file}, {@code directory} or {@code symlink}
     * @param mode octal, like {@code "0700"}
     * @param mtime seconds since the epoch; null in older manifests
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            String path,
            String type,
            String mode,
            long uid,
            long gid,
            Long mtime,
            Long size,
            String sha256,
            String target) {
        public static Entry of(TarEntry e, String sha256) {
            String type = e.type().name().toLowerCase(java.util.Locale.ROOT);
            boolean file = e.type() == TarEntry.Type.FILE;
            return new Entry(
                    e.name(),
                    type,
                    String.format("%04o", e.mode()),
                    e.uid(),
                    e.gid(),
                    e.mtime(),
                    file ? e.size() : null,
                    file ? sha256 : null,
                    e.linkTarget());
        }

        /** What differs between this (the manifest's word) and what the archive holds, or null when they agree. */
        public String mismatch(Entry actual) {
            if (!type.equals(actual.type)) {
                return "it is a " + actual.type + ", the manifest says " + type;
            }
            if (size != null && !size.equals(actual.size)) {
                return actual.size + " bytes, the manifest says " + size;
            }
            if (sha256 != null && !sha256.equals(actual.sha256)) {
                return "its SHA-256 is " + actual.sha256 + ", the manifest says " + sha256;
            }
            if (target != null ? !target.equals(actual.target) : actual.target != null) {
                return "its link target differs from the manifest's";
            }
            if (!mode.equals(actual.mode) || uid != actual.uid || gid != actual.gid) {
                return "its mode or owner differs from the manifest's";
            }
            if (mtime != null && !mtime.equals(actual.mtime)) {
                return "its modification time differs from the manifest's";
            }
            return null;
        }
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the manifest as an archive's last entry: root-owned, 0600, timestamped now (ArchiveLayout.MANIFEST). */
    public void writeTo(TarWriter tar) throws IOException {
        byte[] json = toJson();
        tar.putFile(
                TarEntry.file(
                        ArchiveLayout.MANIFEST,
                        0600,
                        0,
                        0,
                        "root",
                        "root",
                        json.length,
                        Instant.now().getEpochSecond()),
                json);
    }

    /** The manifest as the laptop sends it to the agent for an incremental backup: gzipped JSON. */
    public byte[] toGzip() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(toJson());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b.toByteArray();
    }

    /** Reads {@link #toGzip} to the end of {@code in}. */
    public static Manifest parseGzip(InputStream in) throws IOException {
        byte[] json;
        try (GZIPInputStream gz = new GZIPInputStream(in)) {
            json = gz.readNBytes(MAX_BYTES + 1);
        } catch (ZipException | EOFException e) {
            throw new TarFormatException("the earlier archive's manifest is not gzipped JSON: " + e.getMessage());
        }
        if (json.length > MAX_BYTES) {
            throw new TarFormatException("the earlier archive's manifest is larger than " + (MAX_BYTES >> 20) + " MB");
        }
        return parse(json);
    }

    public static Manifest parse(byte[] json) {
        Manifest m;
        try {
            m = JSON.readValue(json, Manifest.class);
        } catch (IOException e) {
            throw new TarFormatException("the archive's manifest is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!FORMAT.equals(m.format())) {
            throw new TarFormatException(
                    "the archive's manifest has format " + m.format() + "; this littlehub reads " + FORMAT);
        }
        if (!SECRETS_ENCRYPTED.equals(m.secrets()) && !SECRETS_OMITTED.equals(m.secrets())) {
            throw new TarFormatException("the archive's manifest says secrets: " + m.secrets());
        }
        return m;
    }

    public boolean hasSecrets() {
        return SECRETS_ENCRYPTED.equals(secrets);
    }
}
