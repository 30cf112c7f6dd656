package io.littlehub.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings the config language has (the schema knows them) but this release's hub does not act on yet. A setting
 * that is accepted but not enforced would mislead a teacher — a banned student could still sign in — so each one is
 * refused, by line, until the work that enforces it lands. Remove a rule here in the change that enforces it.
 */
final class NotYetEnforced {
    private NotYetEnforced() {
    }

    static List<ConfigProblem> check(YamlNode doc) {
        List<ConfigProblem> out = new ArrayList<>();
        YamlNode users = CrossChecks.child(doc, "users");
        nonEmpty(out, users, "users", "allowed", "a roster of allowed users");
        nonEmpty(out, users, "users", "banned", "banning users");
        YamlNode auth = CrossChecks.child(doc, "auth");
        if (auth instanceof YamlNode.Mapping m) {
            YamlNode.Entry type = m.entries().get("type");
            if (type != null && type.value() instanceof YamlNode.Scalar s && !"firstuse".equals(s.value())) {
                out.add(new ConfigProblem("auth.type", type.keyLine(), ValueWords.quote(String.valueOf(s.value()))
                        + " sign-in is not available in this littlehub release yet (only firstuse is): remove auth or use type: firstuse"));
            } else {
                m.entries().forEach((key, e) -> {
                    if (!key.equals("type")) {
                        out.add(new ConfigProblem("auth." + key, e.keyLine(),
                                "is not enforced by this littlehub release yet: remove it (FirstUse with its defaults is what runs)"));
                    }
                });
            }
        }
        nonEmpty(out, CrossChecks.child(doc, "limits"), "limits", "users", "per-user limits");
        YamlNode baseUrl = CrossChecks.child(doc, "base_url");
        if (baseUrl instanceof YamlNode.Scalar s && s.value() != null && !"/".equals(s.value())) {
            out.add(new ConfigProblem("base_url", s.line(), "a base URL other than / is not supported by this littlehub release yet: remove base_url"));
        }
        YamlNode maxAge = CrossChecks.child(CrossChecks.child(CrossChecks.child(doc, "services"), "cull"), "max_age");
        if (maxAge instanceof YamlNode.Scalar s && s.value() instanceof Number n && n.longValue() != 0) {
            out.add(new ConfigProblem("services.cull.max_age", s.line(), "is not enforced by this littlehub release yet: remove it (or set 0)"));
        }
        return out;
    }

    private static void nonEmpty(List<ConfigProblem> out, YamlNode parent, String parentPath, String key, String what) {
        YamlNode v = CrossChecks.child(parent, key);
        boolean empty = v == null || v instanceof YamlNode.Sequence s && s.items().isEmpty()
                || v instanceof YamlNode.Mapping m && m.entries().isEmpty() || v instanceof YamlNode.Scalar sc && sc.value() == null;
        if (!empty) {
            out.add(new ConfigProblem(parentPath + "." + key, v.line(), what + " is not enforced by this littlehub release yet: remove "
                    + parentPath + "." + key));
        }
    }
}
