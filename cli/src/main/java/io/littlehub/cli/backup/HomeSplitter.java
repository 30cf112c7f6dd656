package io.littlehub.cli.backup;

import io.littlehub.cli.z2jh.ChartValues;
import io.littlehub.cli.z2jh.ClaimNames;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.backup.ArchiveLayout;
import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.TarEntry;
import io.littlehub.common.backup.TarWriter;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a backup stream's homes into one archive per hub user, as the verifier reads it: each is a littlehub backup
 * archive of that one home (same format, its own manifest, so {@link ArchiveVerifier} proves it), every entry owned by
 * the chart's single user ({@link ChartValues#CHART_UID}:{@link ChartValues#CHART_GID}, jovyan:users), written as
 * {@code CLAIM.tar.part} (0600). Homes of no hub user given (a removed student's) are left out and named.
 */
final class HomeSplitter implements ArchiveVerifier.Sink {
    /** One student's archive being written. */
    record Part(
            String hubUser,
            String claim,
            Path file,
            FileOutputStream out,
            TarWriter tar,
            List<Manifest.Entry> entries) {}

    private final Path dir;
    private final Map<String, String> hubUserOfUnix;
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final Set<String> leftOut = new LinkedHashSet<>();
    private final String started = Instant.now().toString();

    /** @param hubUserOfUnix unix user (jupyter-…) → hub user, for the users whose homes are wanted */
    HomeSplitter(Path dir, Map<String, String> hubUserOfUnix) {
        this.dir = dir;
        this.hubUserOfUnix = hubUserOfUnix;
    }

    @Override
    public void entry(TarEntry e, InputStream content) throws IOException {
        String unit = ArchiveLayout.unitOf(e.name());
        String unixUser = unit == null ? null : ArchiveLayout.homeUser(unit);
        if (unixUser == null) {
            return;
        }
        String hubUser = hubUserOfUnix.get(unixUser);
        if (hubUser == null) {
            leftOut.add(unixUser);
            return;
        }
        Part p = parts.get(unixUser);
        if (p == null) {
            p = open(hubUser);
            parts.put(unixUser, p);
        }
        TarEntry mapped = new TarEntry(
                e.name(),
                e.type(),
                e.mode(),
                ChartValues.CHART_UID,
                ChartValues.CHART_GID,
                "jovyan",
                "users",
                e.size(),
                e.mtime(),
                e.linkTarget());
        p.tar().putEntry(mapped);
        if (e.type() == TarEntry.Type.FILE) {
            p.tar().copy(content);
        }
        p.entries().add(Manifest.Entry.of(mapped, p.tar().closeEntry()));
    }

    private Part open(String hubUser) throws IOException {
        String claim = ClaimNames.claim(hubUser);
        Path file = dir.resolve(claim + ".tar.part");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        FileOutputStream out = new FileOutputStream(file.toFile());
        return new Part(
                hubUser, claim, file, out, new TarWriter(new BufferedOutputStream(out, 1 << 16)), new ArrayList<>());
    }

    /** Ends every archive with its manifest, synced to disk; the parts in the order their homes came. */
    List<Part> finish(String hub, String host) throws IOException {
        for (Map.Entry<String, Part> kv : parts.entrySet()) {
            Part p = kv.getValue();
            String unixUser = kv.getKey();
            Manifest m = new Manifest(
                    Manifest.FORMAT,
                    BuildInfo.version(),
                    hub,
                    host,
                    started,
                    Instant.now().toString(),
                    Manifest.SECRETS_OMITTED,
                    List.of(new Manifest.User(
                            unixUser, ChartValues.CHART_UID, ChartValues.CHART_GID, "/home/" + unixUser)),
                    p.entries(),
                    List.of("the home of hub user " + p.hubUser() + " for the chart's claim " + p.claim()
                            + ", owned by " + ChartValues.CHART_UID + ":" + ChartValues.CHART_GID));
            m.writeTo(p.tar());
            p.tar().finish();
            p.out().getFD().sync();
            p.tar().close();
        }
        return List.copyOf(parts.values());
    }

    /** Deletes every part written (after a failure). */
    void discard() {
        for (Part p : parts.values()) {
            try {
                p.out().close();
                Files.deleteIfExists(p.file());
            } catch (IOException ignored) {
                // Best effort: the message names the folder.
            }
        }
    }

    Set<String> leftOut() {
        return leftOut;
    }
}
