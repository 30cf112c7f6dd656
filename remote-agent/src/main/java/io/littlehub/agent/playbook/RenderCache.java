package io.littlehub.agent.playbook;

import io.littlehub.agent.Fingerprint;
import io.littlehub.common.machine.Machine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The texts one playbook run rendered (the playbook and its file tasks' templates), kept on the VM for the next run
 * with the same inputs: a re-run with nothing changed then renders nothing, and FreeMarker is not even started (about
 * a fifth of a no-op's CPU before its first task). The key is the fingerprint of the agent's code (its jar: the
 * playbook and templates are packaged in it) and of the model, written out canonically (map keys sorted, each value
 * with its type); a model holding anything but plain data (maps, lists, strings, numbers, booleans, null) has no key
 * and is rendered every time. Only the last run's texts are kept (root's alone: they hold secrets). A missing,
 * unreadable or other key's file is rendered again; what the tasks then compare against the machine is unchanged, so
 * drift is found as before.
 */
public final class RenderCache {
    public static final String FILE = "/var/lib/littlehub/rendered-playbook";

    private final Machine machine;
    private final String file;

    public RenderCache(Machine machine, String file) {
        this.machine = machine;
        this.file = file;
    }

    /**
     * {@code playbook} loaded for {@code model}, its texts taken from here when the agent's {@code code} and the model
     * are those of the texts kept; a load that rendered anything keeps its texts for the next one. A {@code check} run
     * neither takes nor keeps any: it renders, so the class-data archive's training run (a check run) loads the
     * renderer's classes for the runs that do render, and it writes nothing.
     */
    public Playbook load(String playbook, Map<String, Object> model, Optional<String> code, boolean check) {
        Optional<String> key = check ? Optional.empty() : code.flatMap(c -> key(playbook, model, c));
        Map<String, String> known = key.map(this::texts).orElse(Map.of());
        PlaybookLoader loader = new PlaybookLoader(known);
        Playbook book = loader.load(playbook, model);
        if (key.isPresent() && !known.equals(loader.rendered())) {
            save(key.get(), loader.rendered());
        }
        return book;
    }

    /** The key of {@code playbook}'s texts for {@code model} and the agent's {@code code}; empty: not cacheable. */
    static Optional<String> key(String playbook, Map<String, Object> model, String code) {
        StringBuilder canonical = new StringBuilder();
        if (!write(model, canonical)) {
            return Optional.empty();
        }
        return Optional.of(Fingerprint.of(code, playbook, canonical.toString()));
    }

    /** The texts kept for {@code key}, by packaged path; empty when the kept ones are another key's or none. */
    Map<String, String> texts(String key) {
        Optional<byte[]> kept = machine.read(file);
        if (kept.isEmpty()) {
            return Map.of();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(kept.get()))) {
            if (!in.readUTF().equals(key)) {
                return Map.of();
            }
            Map<String, String> texts = new LinkedHashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                String path = in.readUTF();
                byte[] text = new byte[in.readInt()];
                in.readFully(text);
                texts.put(path, new String(text, StandardCharsets.UTF_8));
            }
            return texts;
        } catch (IOException | RuntimeException unreadable) {
            return Map.of(); // a cut or foreign file: render again, and the run writes it anew
        }
    }

    void save(String key, Map<String, String> texts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(key);
            out.writeInt(texts.size());
            for (Map.Entry<String, String> t : texts.entrySet()) {
                out.writeUTF(t.getKey());
                byte[] text = t.getValue().getBytes(StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        machine.write(file, bytes.toByteArray(), "root", "root", 0600);
    }

    /** Appends {@code value} canonically (type letter, length, content); false when it is not plain data. */
    private static boolean write(Object value, StringBuilder out) {
        if (value == null) {
            out.append('n');
        } else if (value instanceof String s) {
            out.append('s').append(s.length()).append(':').append(s);
        } else if (value instanceof Boolean b) {
            out.append('b').append(b);
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof BigInteger
                || value instanceof BigDecimal) {
            String digits = value.toString();
            out.append(value.getClass().getSimpleName())
                    .append(digits.length())
                    .append(':')
                    .append(digits);
        } else if (value instanceof List<?> list) {
            out.append('l').append(list.size()).append(':');
            for (Object item : list) {
                if (!write(item, out)) {
                    return false;
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            List<String[]> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                StringBuilder k = new StringBuilder();
                StringBuilder v = new StringBuilder();
                if (!write(e.getKey(), k) || !write(e.getValue(), v)) {
                    return false;
                }
                entries.add(new String[] {k.toString(), v.toString()});
            }
            entries.sort((a, b) -> a[0].compareTo(b[0]));
            out.append('m').append(entries.size()).append(':');
            entries.forEach(e -> out.append(e[0]).append(e[1]));
        } else {
            return false;
        }
        return true;
    }
}
