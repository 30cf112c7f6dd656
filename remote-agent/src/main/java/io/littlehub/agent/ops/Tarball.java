package io.littlehub.agent.ops;

import io.littlehub.common.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A program's release tarball (npm from the npm registry), pinned by its SHA-512, unpacked into {@code path}. The
 * download is kept in {@code cache} (an upgrade or a re-run does not fetch it again) and checked before every unpack:
 * a bad or cut-off download is deleted, so the next run fetches it anew. It is unpacked beside {@code path} and
 * renamed into place with a marker naming the SHA-512, so a run cut off half-way leaves no half-unpacked program.
 */
public record Tarball(String url, String sha512, String path, String cache) implements Operation<Tarball.Facts> {
    static final String MARKER = ".littlehub-sha512";

    public Tarball {
        if (!sha512.matches("[0-9a-f]{128}")) {
            throw new IllegalArgumentException("sha512 must be 128 lowercase hex digits, not " + sha512);
        }
    }

    /** Whether the wanted tarball is unpacked in place, and whether its download is in the cache. */
    public record Facts(boolean unpacked, boolean cached) {}

    @Override
    public Facts gather(Machine machine) {
        boolean unpacked = machine.read(path + "/" + MARKER)
                .map(b -> new String(b, StandardCharsets.UTF_8).strip().equals(sha512))
                .orElse(false);
        return new Facts(unpacked, machine.stat(download()).isPresent());
    }

    @Override
    public List<Action> plan(Facts facts) {
        if (facts.unpacked()) {
            return List.of();
        }
        String download = download();
        String staging = path + ".new";
        List<Action> fetch = facts.cached()
                ? List.of()
                : List.of(
                        new Action.Run(
                                "download " + url,
                                List.of("curl", "-fsSL", "--retry", "3", "-o", download + ".part", url)),
                        new Action.Run(List.of("mv", download + ".part", download)));
        List<Action> unpack = List.of(
                new Action.Run(
                        "check the SHA-512 of " + download,
                        List.of(
                                "sh",
                                "-c",
                                "echo \"$0  $1\" | sha512sum --check --quiet - || { rm -f \"$1\"; exit 1; }",
                                sha512,
                                download)),
                new Action.Run(List.of("rm", "-rf", "--one-file-system", staging)),
                new Action.MakeDirectory(staging, "root", "root", 0755),
                new Action.Run(
                        List.of("tar", "-xzf", download, "-C", staging, "--strip-components=1", "--no-same-owner")),
                new Action.WriteFile(staging + "/" + MARKER, sha512 + "\n", "root", "root", 0644, false),
                new Action.Run(List.of("rm", "-rf", "--one-file-system", path)),
                new Action.Run(List.of("mv", staging, path)));
        List<Action> all = new ArrayList<Action>();
        all.add(new Action.MakeDirectory(cache, "root", "root", 0755));
        all.addAll(fetch);
        all.addAll(unpack);
        return all;
    }

    /** The cached download's name: the URL's last part, which names the package and its version. */
    private String download() {
        return cache + "/" + url.substring(url.lastIndexOf('/') + 1);
    }
}
