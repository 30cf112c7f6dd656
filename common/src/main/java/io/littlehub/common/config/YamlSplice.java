package io.littlehub.common.config;

import java.io.StringReader;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Changes one entry of a YAML text in place. SnakeYAML composes the text into nodes with their marks; only the
 * characters of the changed entry are replaced, so every comment, blank line, quote and indentation elsewhere stays
 * as written. (SnakeYAML's comment round trip re-serializes the whole document instead: it re-indents the lists of
 * examples' ldap.yaml and moves aligned end-of-line comments.) New text is SnakeYAML's dump of the new entry, in the
 * style of where it goes: a block entry indented like its neighbours, or an item of a {@code [flow, list]}.
 * The caller ({@link ConfigEdit}) has checked the path: every key before the last is a mapping or absent.
 */
final class YamlSplice {
    private final String text;
    private final Node root;
    private final String newline;

    YamlSplice(String text) {
        this.text = text;
        this.root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        this.newline = text.contains("\r\n") ? "\r\n" : "\n";
    }

    /** The text with {@code path} set to {@code value}, the groups it needs created. */
    String put(List<String> path, Object value) {
        if (!(root instanceof MappingNode mapping)) {
            return insertLines(text.length(), block(entry(path.get(0), nest(path, 1, value)), 0));
        }
        for (int i = 0; i < path.size(); i++) {
            NodeTuple t = tuple(mapping, path.get(i));
            if (t == null) {
                return insert(mapping, entry(path.get(i), nest(path, i + 1, value)));
            }
            if (i == path.size() - 1 || isNull(t.getValueNode())) {
                return replace(mapping, t, nest(path, i + 1, value));
            }
            mapping = (MappingNode) t.getValueNode();
        }
        throw new IllegalArgumentException("an empty key");
    }

    /** The text with {@code entries} added after the last key of the group at {@code path}. */
    String insert(List<String> path, Map<String, ?> entries) {
        return insert((MappingNode) at(path), entries);
    }

    /** The text without the entries {@code keys} of the group at {@code path}: their lines, or their flow parts. */
    String remove(List<String> path, List<String> keys) {
        List<NodeTuple> tuples = ((MappingNode) at(path)).getValue();
        List<Integer> gone = IntStream.range(0, tuples.size())
                .filter(i -> tuples.get(i).getKeyNode() instanceof ScalarNode k && keys.contains(k.getValue()))
                .boxed()
                .toList();
        if (isFlow(at(path))) {
            return keepFlow(
                    tuples.stream().map(NodeTuple::getKeyNode).toList(),
                    tuples.stream().map(NodeTuple::getValueNode).toList(),
                    gone);
        }
        return cutLines(
                gone,
                i -> start(tuples.get(i).getKeyNode()),
                i -> contentEnd(tuples.get(i).getValueNode()));
    }

    /** The text with {@code items} appended to the list at {@code path}. */
    String append(List<String> path, List<?> items) {
        SequenceNode list = (SequenceNode) at(path);
        List<Node> present = list.getValue();
        if (isFlow(list)) {
            String rendered = inner(flow(items));
            int last = present.isEmpty() ? start(list) + 1 : contentEnd(present.get(present.size() - 1));
            return splice(last, last, present.isEmpty() ? rendered : ", " + rendered);
        }
        int dash = dash(present.get(present.size() - 1));
        return insertLines(lineEnd(contentEnd(list)), block(items, dash - lineStart(dash)));
    }

    /** The text without the items at {@code indices} (ascending) of the list at {@code path}. */
    String removeItems(List<String> path, List<Integer> indices) {
        SequenceNode list = (SequenceNode) at(path);
        List<Node> items = list.getValue();
        if (isFlow(list)) {
            return keepFlow(items, items, indices);
        }
        return cutLines(indices, i -> dash(items.get(i)), i -> contentEnd(items.get(i)));
    }

    // --- placing new text ------------------------------------------------------------------------------------------

    /** New entries after the last one of {@code mapping}. */
    private String insert(MappingNode mapping, Map<String, ?> entries) {
        List<NodeTuple> tuples = mapping.getValue();
        if (isFlow(mapping)) {
            String rendered = inner(flow(entries));
            int last = tuples.isEmpty()
                    ? start(mapping) + 1
                    : contentEnd(tuples.get(tuples.size() - 1).getValueNode());
            return splice(last, last, tuples.isEmpty() ? rendered : ", " + rendered);
        }
        int indent = start(tuples.get(0).getKeyNode())
                - lineStart(start(tuples.get(0).getKeyNode()));
        return insertLines(pastNestedComments(lineEnd(contentEnd(mapping)), indent), block(entries, indent));
    }

    /** Past the comment lines indented deeper than {@code indent} from {@code at}: they belong to the entry before. */
    private int pastNestedComments(int at, int indent) {
        int next = at;
        while (next < text.length()) {
            String line = text.substring(next, lineEnd(next));
            String stripped = line.stripLeading();
            if (!stripped.startsWith("#") || line.length() - stripped.length() <= indent) {
                break;
            }
            next = lineEnd(next);
        }
        return next;
    }

    /** The value of entry {@code t} replaced: a group of keys or a list under an empty key or a block as a block. */
    private String replace(MappingNode parent, NodeTuple t, Object value) {
        Node old = t.getValueNode();
        int colon = text.indexOf(':', end(t.getKeyNode())) + 1;
        boolean asBlock = !isFlow(parent)
                && (value instanceof Map || value instanceof List)
                && (isNull(old) || old instanceof CollectionNode<?> && !isFlow(old));
        if (old instanceof CollectionNode<?> && !isFlow(old) || asBlock) {
            int keyColumn = start(t.getKeyNode()) - lineStart(start(t.getKeyNode()));
            // A list's dashes where the old list had them, else where SnakeYAML puts them: under the key.
            int indent = !(value instanceof List)
                    ? keyColumn + indentStep()
                    : old instanceof SequenceNode s && !s.getValue().isEmpty()
                            ? dash(s.getValue().get(0))
                                    - lineStart(dash(s.getValue().get(0)))
                            : keyColumn;
            int blockStart = lineEnd(colon);
            int blockEnd = old instanceof CollectionNode<?> ? lineEnd(contentEnd(old)) : blockStart;
            // Two cuts, the later one first: the block's lines, then what follows the colon on the key's line.
            String blockDone = splice(text, blockStart, blockEnd, asBlock ? block(value, indent) : "");
            return splice(blockDone, colon, isNull(old) ? end(old) : colon, asBlock ? "" : " " + flow(value));
        }
        return start(old) == end(old)
                ? splice(colon, colon, " " + flow(value))
                : splice(start(old), contentEnd(old), flow(value));
    }

    private String insertLines(int at, String lines) {
        boolean needsBreak = at > 0 && at == text.length() && text.charAt(at - 1) != '\n';
        return splice(at, at, needsBreak ? newline + lines : lines);
    }

    /**
     * A flow collection without the parts at {@code gone}: the kept parts' own text, joined by ", " ({@code starts}
     * and {@code ends}: where each part begins and ends, a key and its value for a mapping).
     */
    private String keepFlow(List<Node> starts, List<Node> ends, List<Integer> gone) {
        String kept = IntStream.range(0, starts.size())
                .filter(i -> !gone.contains(i))
                .mapToObj(i -> text.substring(start(starts.get(i)), contentEnd(ends.get(i))))
                .collect(Collectors.joining(", "));
        return splice(start(starts.get(0)), contentEnd(ends.get(ends.size() - 1)), kept);
    }

    /** Without the lines from each {@code from(i)} to the end of {@code to(i)}'s line, the last ones cut first. */
    private String cutLines(List<Integer> indices, IntUnaryOperator from, IntUnaryOperator to) {
        String out = text;
        for (int k = indices.size() - 1; k >= 0; k--) {
            int i = indices.get(k);
            out = splice(out, lineStartIfIndent(from.applyAsInt(i)), lineEnd(to.applyAsInt(i)), "");
        }
        return out;
    }

    private String splice(int from, int to, String replacement) {
        return splice(text, from, to, replacement);
    }

    private static String splice(String in, int from, int to, String replacement) {
        return in.substring(0, from) + replacement + in.substring(to);
    }

    // --- rendering ---------------------------------------------------------------------------------------------------

    /** {@code value} in block style, every line indented by {@code indent}, ending with a line break. */
    private String block(Object value, int indent) {
        DumperOptions o = options(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(indentStep());
        String pad = " ".repeat(indent);
        StringBuilder out = new StringBuilder();
        new Yaml(o).dump(value).lines().forEach(l -> out.append(pad).append(l).append(newline));
        return out.toString();
    }

    /** {@code value} on one line, as in {@code [a, b]} or {@code {memory: 2G}}. */
    private static String flow(Object value) {
        return new Yaml(options(DumperOptions.FlowStyle.FLOW)).dump(value).strip();
    }

    private static DumperOptions options(DumperOptions.FlowStyle style) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(style);
        o.setWidth(Integer.MAX_VALUE / 2);
        return o;
    }

    /** {@code [x]} → {@code x}, {@code {k: v}} → {@code k: v}. */
    private static String inner(String bracketed) {
        return bracketed.substring(1, bracketed.length() - 1);
    }

    /** {@code value} under the keys {@code path[from..]}: {@code {cull: {timeout: 600}}}. */
    private static Object nest(List<String> path, int from, Object value) {
        return from == path.size() ? value : entry(path.get(from), nest(path, from + 1, value));
    }

    /** One key and its value, which may be null ({@code config set KEY null}). */
    private static Map<String, Object> entry(String key, Object value) {
        return Collections.singletonMap(key, value);
    }

    /** How far this file indents a group's keys under its name (2 when it has no nested group). */
    private int indentStep() {
        if (root instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getValueNode() instanceof MappingNode child
                        && !isFlow(child)
                        && !child.getValue().isEmpty()) {
                    int step = child.getStartMark().getColumn()
                            - t.getKeyNode().getStartMark().getColumn();
                    if (step >= 1 && step <= 10) {
                        return step;
                    }
                }
            }
        }
        return 2;
    }

    // --- finding things ----------------------------------------------------------------------------------------------

    private Node at(List<String> path) {
        Node node = root;
        for (String key : path) {
            node = tuple((MappingNode) node, key).getValueNode();
        }
        return node;
    }

    /** The entry named {@code key}; the last one when the key is there twice, as loading reads it. */
    private static NodeTuple tuple(MappingNode mapping, String key) {
        NodeTuple found = null;
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                found = t;
            }
        }
        return found;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static boolean isFlow(Node node) {
        return node instanceof CollectionNode<?> c && c.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
    }

    /** Where a node's own text ends: a block group's end mark lies after the comments that follow it. */
    private int contentEnd(Node node) {
        if (node instanceof MappingNode m && !isFlow(m)) {
            return contentEnd(m.getValue().get(m.getValue().size() - 1).getValueNode());
        }
        if (node instanceof SequenceNode s && !isFlow(s)) {
            return contentEnd(s.getValue().get(s.getValue().size() - 1));
        }
        int end = end(node);
        while (end > start(node) && "\r\n".indexOf(text.charAt(end - 1)) >= 0) {
            end--; // a block scalar (|, >) ends after its line breaks
        }
        return end;
    }

    /** The {@code -} before a block list's item. */
    private int dash(Node item) {
        int i = start(item) - 1;
        while (i > 0 && text.charAt(i) != '-') {
            i--;
        }
        return i;
    }

    private int start(Node node) {
        return offset(text, node.getStartMark());
    }

    private int end(Node node) {
        return offset(text, node.getEndMark());
    }

    private int lineStart(int at) {
        return text.lastIndexOf('\n', at - 1) + 1;
    }

    /** The start of {@code at}'s line when only spaces come before it there, else {@code at}. */
    private int lineStartIfIndent(int at) {
        int start = lineStart(at);
        return text.substring(start, at).isBlank() ? start : at;
    }

    private int lineEnd(int at) {
        int end = text.indexOf('\n', at);
        return end < 0 ? text.length() : end + 1;
    }

    /** A mark's position in the text: SnakeYAML counts code points, Java strings count UTF-16 units. */
    static int offset(String text, Mark mark) {
        return text.offsetByCodePoints(0, mark.getIndex());
    }
}
