package io.littlehub.common.config;

import io.littlehub.common.students.StudentNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The config rules that relate two keys, which a JSON Schema cannot say clearly (a user both banned and allowed, a
 * sign-in nobody or everybody could pass, an OAuth callback outside base_url). Everything about one key's own
 * value lives in the schema; these run on the parsed document whatever its shape, skipping what is not there.
 */
final class CrossChecks {
    private CrossChecks() {}

    static List<ConfigProblem> check(YamlNode doc) {
        List<ConfigProblem> out = new ArrayList<>();
        YamlNode users = child(doc, "users");
        Set<String> admins = names(child(users, "admin"));
        Set<String> allowed = names(child(users, "allowed"));
        if (child(users, "banned") instanceof YamlNode.Sequence banned) {
            for (YamlNode item : banned.items()) {
                if (item instanceof YamlNode.Scalar s && s.value() instanceof String name) {
                    for (Map.Entry<String, Set<String>> other :
                            Map.of("admin", admins, "allowed", allowed).entrySet()) {
                        if (other.getValue().contains(name)) {
                            out.add(new ConfigProblem(
                                    "users.banned",
                                    s.line(),
                                    ValueWords.quote(name) + " is also in users." + other.getKey() + ": remove " + name
                                            + " from one of the two lists"));
                        }
                    }
                }
            }
        }
        rehearsalNames(users, out);
        https(doc, out);
        out.addAll(CourseChecks.check(doc));
        maskedSecrets(doc, "", out);
        YamlNode auth = child(doc, "auth");
        YamlNode type = child(auth, "type");
        String authType =
                type instanceof YamlNode.Scalar s && s.value() instanceof String t ? t : type == null ? "firstuse" : "";
        if (authType.equals("shared-password")
                && child(auth, "admin_password") instanceof YamlNode.Scalar a
                && a.value() instanceof String ap
                && child(auth, "user_password") instanceof YamlNode.Scalar u
                && ap.equals(u.value())) {
            out.add(
                    new ConfigProblem(
                            "auth.admin_password",
                            line(auth, "admin_password"),
                            "is the same as auth.user_password: give admins a password of their own, or remove admin_password"));
        }
        YamlNode throttle = child(auth, "throttle");
        if (child(throttle, "max_lockout_seconds") instanceof YamlNode.Scalar max
                && max.value() instanceof Integer longest
                && child(throttle, "lockout_seconds") instanceof YamlNode.Scalar first
                && first.value() instanceof Integer shortest
                && longest < shortest) {
            out.add(new ConfigProblem(
                    "auth.throttle.max_lockout_seconds",
                    max.line(),
                    "is shorter than auth.throttle.lockout_seconds (" + shortest + "): make it at least " + shortest));
        }
        if (authType.equals("github")
                && allowed.isEmpty()
                && names(child(auth, "allowed_organizations")).isEmpty()) {
            out.add(new ConfigProblem(
                    "auth.type",
                    line(auth, "type"),
                    "github with an empty users.allowed and no auth.allowed_organizations would let every GitHub user sign in: "
                            + "list users.allowed or auth.allowed_organizations"));
        }
        if (authType.equals("google")
                && allowed.isEmpty()
                && names(child(auth, "hosted_domain")).isEmpty()) {
            out.add(new ConfigProblem(
                    "auth.type",
                    line(auth, "type"),
                    "google with an empty users.allowed and no auth.hosted_domain would let every Google user sign in: "
                            + "list users.allowed or auth.hosted_domain"));
        }
        if (child(auth, "oauth_callback_url") instanceof YamlNode.Scalar cb
                && cb.value() instanceof String url
                && child(doc, "base_url") instanceof YamlNode.Scalar bu
                && bu.value() instanceof String baseUrl
                && !url.endsWith(baseUrl + "hub/oauth_callback")) {
            out.add(new ConfigProblem(
                    "auth.oauth_callback_url",
                    cb.line(),
                    "does not end with " + baseUrl
                            + "hub/oauth_callback, where this hub (base_url " + baseUrl
                            + ") receives sign-ins: use the hub's address followed by "
                            + baseUrl + "hub/oauth_callback, and register the same with the provider"));
        }
        return out;
    }

    /** A secret whose value is the mask {@code config show} prints: the file was copied from its output. */
    private static void maskedSecrets(YamlNode node, String path, List<ConfigProblem> out) {
        if (node instanceof YamlNode.Mapping m) {
            m.entries().forEach((key, entry) -> {
                String keyPath = path.isEmpty() ? key : path + "." + key;
                if (ConfigMask.packaged().isSecret(keyPath)
                        && entry.value() instanceof YamlNode.Scalar s
                        && ConfigMask.MASK.equals(s.value())) {
                    out.add(new ConfigProblem(
                            keyPath,
                            entry.keyLine(),
                            "is " + ConfigMask.MASK
                                    + ", the mask `config show` prints instead of the secret: write the real value"
                                    + " (`littlehub config show --show-secrets` prints the file as it is)"));
                } else {
                    maskedSecrets(entry.value(), keyPath, out);
                }
            });
        }
    }

    /** Whether the config's {@code https} section turns HTTPS on (https.enabled, or an https.address_name). */
    static boolean httpsOn(YamlNode https) {
        boolean switchedOn = child(https, "enabled") instanceof YamlNode.Scalar e && Boolean.TRUE.equals(e.value());
        return switchedOn || text(https, "address_name") != null;
    }

    /** Ports the hub's own parts hold, HTTPS's rules across its keys. */
    private static void https(YamlNode doc, List<ConfigProblem> out) {
        YamlNode https = child(doc, "https");
        YamlNode.Scalar addressName = text(https, "address_name");
        boolean enabled = httpsOn(https);
        if (addressName != null
                && child(https, "enabled") instanceof YamlNode.Scalar off
                && Boolean.FALSE.equals(off.value())) {
            out.add(new ConfigProblem(
                    "https.enabled",
                    off.line(),
                    "is false, but https.address_name turns HTTPS on:"
                            + " remove https.address_name for plain HTTP, or remove https.enabled"));
        }
        if (!enabled
                && child(child(https, "hsts"), "enabled") instanceof YamlNode.Scalar hsts
                && Boolean.TRUE.equals(hsts.value())) {
            out.add(new ConfigProblem(
                    "https.hsts.enabled",
                    hsts.line(),
                    "is true, but HTTPS is off (browsers ignore"
                            + " HSTS over plain HTTP): turn HTTPS on first (https.enabled with https.domains,"
                            + " or https.address_name)"));
        }
        YamlNode.Scalar httpPort =
                child(child(doc, "http"), "port") instanceof YamlNode.Scalar s && s.value() instanceof Integer
                        ? s
                        : null;
        YamlNode.Scalar httpsPort =
                enabled && child(https, "port") instanceof YamlNode.Scalar s && s.value() instanceof Integer ? s : null;
        for (YamlNode.Scalar port : java.util.Arrays.asList(httpPort, httpsPort)) {
            String taken = port == null
                    ? null
                    : switch ((Integer) port.value()) {
                        case Layout.HUB_PORT -> "the hub itself";
                        case Layout.PROXY_API_PORT -> "the proxy's API";
                        case Layout.PROXY_BEHIND_HTTPS_PORT -> enabled ? "the proxy behind HTTPS" : null;
                        default -> null;
                    };
            if (taken != null) {
                out.add(new ConfigProblem(
                        port == httpPort ? "http.port" : "https.port",
                        port.line(),
                        port.value() + " is taken on the VM by " + taken + ": pick another, like "
                                + (port == httpPort ? "80 or 8080" : "443 or 8443")));
            }
        }
        if (httpPort != null && httpsPort != null && httpPort.value().equals(httpsPort.value())) {
            out.add(new ConfigProblem(
                    "https.port",
                    httpsPort.line(),
                    "is the same as http.port: HTTPS and the redirect from HTTP need a port each, like 443 and 80"));
        }
        if (enabled && addressName == null && names(child(https, "domains")).isEmpty()) {
            out.add(new ConfigProblem(
                    "https.enabled",
                    line(https, "enabled"),
                    "is true, but https.domains is empty: add the name that points at the VM"
                            + " (littlehub config add-item https.domains hub.example.org), or name the VM by its address"
                            + " (littlehub config set https.address_name sslip.io)"));
        }
        YamlNode tls = child(https, "tls");
        boolean cert = text(tls, "cert") != null;
        boolean key = text(tls, "key") != null;
        if (cert != key) {
            out.add(new ConfigProblem(
                    "https.tls." + (cert ? "cert" : "key"),
                    line(tls, cert ? "cert" : "key"),
                    "is set but https.tls." + (cert ? "key" : "cert")
                            + " is not: give both the certificate and its key, or neither (then ACME gets one)"));
        }
        if (child(child(https, "letsencrypt"), "staging") instanceof YamlNode.Scalar st
                && Boolean.TRUE.equals(st.value())
                && child(child(https, "acme"), "directory") instanceof YamlNode.Scalar d
                && d.value() instanceof String dir
                && !dir.isEmpty()) {
            out.add(new ConfigProblem(
                    "https.letsencrypt.staging",
                    st.line(),
                    "is true, but https.acme.directory names another ACME server:"
                            + " remove one of the two (staging is Let's Encrypt's test server)"));
        }
    }

    /** rehearsal-… names are the rehearsal's own (users.rehearsal): a real student's would be swept with them. */
    private static void rehearsalNames(YamlNode users, List<ConfigProblem> out) {
        for (String list : List.of("allowed", "admin", "rehearsal")) {
            if (child(users, list) instanceof YamlNode.Sequence names) {
                for (YamlNode item : names.items()) {
                    if (item instanceof YamlNode.Scalar s
                            && s.value() instanceof String name
                            && StudentNames.isRehearsal(name) != list.equals("rehearsal")) {
                        out.add(new ConfigProblem(
                                "users." + list,
                                s.line(),
                                list.equals("rehearsal")
                                        ? ValueWords.quote(name) + " is not a rehearsal student's name (rehearsal-001"
                                                + " ...): users.rehearsal is written by `littlehub rehearse` only;"
                                                + " put real students in users.allowed"
                                        : StudentNames.reserved(name)));
                    }
                }
            }
        }
    }

    static YamlNode child(YamlNode node, String key) {
        if (node instanceof YamlNode.Mapping m && m.entries().get(key) != null) {
            return m.entries().get(key).value();
        }
        return null;
    }

    /** The key's value when it is a string that is not empty, else null. */
    static YamlNode.Scalar text(YamlNode node, String key) {
        return child(node, key) instanceof YamlNode.Scalar s && s.value() instanceof String v && !v.isEmpty()
                ? s
                : null;
    }

    private static int line(YamlNode node, String key) {
        return ((YamlNode.Mapping) node).entries().get(key).keyLine();
    }

    /** The strings of a list, in its order. */
    static Set<String> names(YamlNode list) {
        Set<String> names = new LinkedHashSet<>();
        if (list instanceof YamlNode.Sequence s) {
            s.items().forEach(i -> {
                if (i instanceof YamlNode.Scalar sc && sc.value() instanceof String n) {
                    names.add(n);
                }
            });
        }
        return names;
    }
}
