package io.littlehub.cli.hubconfig;

import java.util.List;

/**
 * Thirty bad hub configs and the exact problems the hub's validator reports, taken from the agent's table
 * (remote-agent ConfigValidatorTest): the ones whose settings this release enforces, so {@code validate} (which also
 * refuses not-yet-enforced settings) reports exactly these lines. {@link BadConfigsTest} checks them on the laptop,
 * {@code ConfigIT} through {@code littlehub config apply} on a hub.
 */
final class BadConfigs {
    record Bad(String name, String yaml, List<String> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Bad bad(String name, String yaml, String... problems) {
        return new Bad(name, yaml, List.of(problems));
    }

    private static final String USER_NAME =
            " is not a valid user name: use 1 to 64 lowercase letters a-z, digits, ., _, @ or -, starting with a letter or digit, like ada, student-07 or ada.lovelace@school.org";
    private static final String SIZE = " is not a size: use a number with K, M, G or T, like 512M or 2G";
    private static final String CPU = " is not a number of CPU cores: use a number above 0, like 0.5 or 2";
    private static final String PORT = " is not a port: use a whole number from 1 to 65535, like 80";

    static final List<Bad> ALL = List.of(
            bad(
                    "unknown top-level key",
                    "colour: blue\n",
                    "line 1: colour: unknown key; the keys here are users, course, auth, limits, user_environment, services, backup, class, http, https, base_url"),
            bad(
                    "unknown top-level key, did you mean",
                    "limit:\n  memory: 2G\n",
                    "line 1: limit: unknown key; did you mean limits?"),
            bad(
                    "unknown nested key, did you mean",
                    "limits:\n  cpu: 1\n  memroy: 2G\n",
                    "line 3: limits.memroy: unknown key; did you mean limits.memory?"),
            bad(
                    "unknown key in users",
                    "users:\n  admins: [ada]\n",
                    "line 2: users.admins: unknown key; did you mean users.admin?"),
            bad(
                    "unknown key two levels down",
                    "services:\n  cull:\n    timout: 600\n",
                    "line 3: services.cull.timout: unknown key; did you mean services.cull.timeout?"),
            bad(
                    "a top-level key that belongs elsewhere",
                    "default_app: lab\n",
                    "line 1: default_app: unknown key; did you mean user_environment.default_app?"),
            bad(
                    "text for a list",
                    "users:\n  admin: ada\n",
                    "line 2: users.admin: \"ada\" is not a list: write it in brackets, like [ada]"),
            bad(
                    "comma-separated text for a list",
                    "users:\n  admin: ada, bob\n",
                    "line 2: users.admin: \"ada, bob\" is not a list: write it in brackets, like [ada, bob]"),
            bad(
                    "mapping for a list",
                    "users:\n  admin: {ada: true}\n",
                    "line 2: users.admin: a mapping is not a list: write [a, b], or one \"- item\" line per entry"),
            bad(
                    "list for a mapping",
                    "users:\n  - ada\n",
                    "line 1: users: a list is not a mapping: write \"key: value\" lines indented under users"),
            bad(
                    "text for a mapping",
                    "auth: github\n",
                    "line 1: auth: \"github\" is not a mapping: write \"key: value\" lines indented under auth"),
            bad(
                    "number for text (address)",
                    "http:\n  address: 10\n",
                    "line 2: http.address: 10 is not text: put it in quotes, like \"10\""),
            bad(
                    "empty value for a list",
                    "users:\n  admin:\n",
                    "line 2: users.admin: has no value: write [] for none, or remove the line"),
            bad("size with GB", "limits:\n  memory: 2GB\n", "line 2: limits.memory: \"2GB\"" + SIZE),
            bad("negative size", "limits:\n  memory: -1G\n", "line 2: limits.memory: \"-1G\"" + SIZE),
            bad("size in words", "limits:\n  memory: lots\n", "line 2: limits.memory: \"lots\"" + SIZE),
            bad("size zero", "limits:\n  memory: 0\n", "line 2: limits.memory: 0" + SIZE),
            bad(
                    "size without a unit is bytes, too few",
                    "limits:\n  memory: 512\n",
                    "line 2: limits.memory: 512" + SIZE),
            bad("cpu zero", "limits:\n  cpu: 0\n", "line 2: limits.cpu: 0" + CPU),
            bad("cpu in words", "limits:\n  cpu: two\n", "line 2: limits.cpu: \"two\"" + CPU),
            bad("user name with capitals", "users:\n  admin: [Bob]\n", "line 2: users.admin: \"Bob\"" + USER_NAME),
            bad(
                    "user name of 65 characters",
                    "users:\n  admin: [" + "a".repeat(65) + "]\n",
                    "line 2: users.admin: \"" + "a".repeat(65) + "\"" + USER_NAME),
            bad("port too large", "http: {port: 70000}\n", "line 1: http.port: 70000" + PORT),
            bad("port in words", "http: {port: eighty}\n", "line 1: http.port: \"eighty\"" + PORT),
            bad(
                    "default_app jupyterlab",
                    "user_environment:\n  default_app: jupyterlab\n",
                    "line 2: user_environment.default_app: \"jupyterlab\" is not allowed here: did you mean lab? (one of lab, notebook)"),
            bad(
                    "cull timeout negative",
                    "services:\n  cull:\n    timeout: -5\n",
                    "line 3: services.cull.timeout: -5 is not a number of seconds: use a whole number above 0, like 600 for 10 minutes"),
            bad(
                    "cull enabled in words",
                    "services:\n  cull:\n    enabled: maybe\n",
                    "line 3: services.cull.enabled: \"maybe\" is not true or false: write true or false"),
            bad(
                    "https on without a domain",
                    "https:\n  enabled: true\n",
                    "line 2: https.enabled: is true, but https.domains is empty: add the name that points at the VM (littlehub config add-item https.domains hub.example.org), or name the VM by its address (littlehub config set https.address_name sslip.io)"),
            bad(
                    "YAML: a list not closed",
                    "users:\n  admin: [ada\n  allowed: [bob]\n",
                    "line 3: not valid YAML (expected ',' or ']', but got :): a [ list is not closed with ] (it starts on line 2)"),
            bad(
                    "YAML: indented with a tab",
                    "users:\n\tadmin: [ada]\n",
                    "line 2: not valid YAML (a tab character): indent with spaces, not tabs"),
            bad(
                    "YAML: two documents",
                    "base_url: /\n---\nbase_url: /hub/\n",
                    "line 2: not valid YAML (more than one document): keep one, and remove the \"---\" line"),
            bad(
                    "the document is text",
                    "hello\n",
                    "line 1: the config is \"hello\", but must be \"key: value\" lines, like \"base_url: /\""),
            bad(
                    "duplicate nested keys",
                    "users:\n  admin: [ada]\n  admin: [bob]\n",
                    "line 3: users.admin: duplicate key (also on line 2): keep only one of them"),
            bad(
                    "several problems, in line order",
                    "users:\n  admin: [Ada]\nlimits:\n  memory: 2GB\n  cpu: 0\ncolour: blue\n",
                    "line 2: users.admin: \"Ada\"" + USER_NAME,
                    "line 4: limits.memory: \"2GB\"" + SIZE,
                    "line 5: limits.cpu: 0" + CPU,
                    "line 6: colour: unknown key; the keys here are users, course, auth, limits, user_environment, services, backup, class, http, https, base_url"));

    private BadConfigs() {}
}
