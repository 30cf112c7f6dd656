package io.littlehub.common.config;

import java.util.List;
import java.util.Map;

/** A parsed YAML value that remembers its line (from 1), so problems can point at it. */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {
    int line();

    /** Keys in file order; each entry remembers the line of its key. */
    record Mapping(int line, Map<String, Entry> entries) implements YamlNode {}

    record Entry(int keyLine, YamlNode value) {}

    record Sequence(int line, List<YamlNode> items) implements YamlNode {}

    /**
     * {@code value} as YAML reads it (String, Integer, Long, BigInteger, Double, Boolean or null; timestamps stay
     * text); {@code text} as written in the file.
     */
    record Scalar(int line, Object value, String text) implements YamlNode {}
}
