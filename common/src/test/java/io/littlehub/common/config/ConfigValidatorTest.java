package io.littlehub.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The hub config's validation: every bad config below is refused with exactly these messages (line, key path, what
 * to write instead), and every good one, the examples included, passes.
 */
class ConfigValidatorTest {
    private static final ConfigValidator VALIDATOR = new ConfigValidator();
    private static final Path EXAMPLES = Path.of("..", "examples");
    /** More configs in the language (every auth type), beside the examples teachers copy. */
    private static final Path LANGUAGE_EXAMPLES = Path.of("src", "test", "resources", "config-examples");

    private static Arguments bad(String name, String yaml, String... messages) {
        return Arguments.of(name, yaml, List.of(messages));
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                bad(
                        "unknown top-level key",
                        """
                colour: blue
                """,
                        "line 1: colour: unknown key; the keys here are users, course, auth, limits, user_environment, services, backup, class, http, https, base_url"),
                bad("unknown top-level key, did you mean", """
                limit:
                  memory: 2G
                """, "line 1: limit: unknown key; did you mean limits?"),
                bad(
                        "unknown nested key, did you mean",
                        """
                limits:
                  cpu: 1
                  memroy: 2G
                """,
                        "line 3: limits.memroy: unknown key; did you mean limits.memory?"),
                bad("unknown key in users", """
                users:
                  admins: [ada]
                """, "line 2: users.admins: unknown key; did you mean users.admin?"),
                bad(
                        "unknown key two levels down",
                        """
                services:
                  cull:
                    timout: 600
                """,
                        "line 3: services.cull.timout: unknown key; did you mean services.cull.timeout?"),
                bad(
                        "unknown key in a per-user limit",
                        """
                limits:
                  users:
                    ada: {memroy: 2G}
                """,
                        "line 3: limits.users.ada.memroy: unknown key; did you mean limits.users.ada.memory?"),
                bad(
                        "a top-level key that belongs elsewhere",
                        """
                default_app: lab
                """,
                        "line 1: default_app: unknown key; did you mean user_environment.default_app?"),
                bad(
                        "text for a list",
                        """
                users:
                  admin: ada
                """,
                        "line 2: users.admin: \"ada\" is not a list: write it in brackets, like [ada]"),
                bad(
                        "comma-separated text for a list",
                        """
                users:
                  admin: ada, bob
                """,
                        "line 2: users.admin: \"ada, bob\" is not a list: write it in brackets, like [ada, bob]"),
                bad(
                        "mapping for a list",
                        """
                users:
                  admin: {ada: true}
                """,
                        "line 2: users.admin: a mapping is not a list: write [a, b], or one \"- item\" line per entry"),
                bad(
                        "list for a mapping",
                        """
                users:
                  - ada
                """,
                        "line 1: users: a list is not a mapping: write \"key: value\" lines indented under users"),
                bad(
                        "text for a mapping",
                        """
                auth: github
                """,
                        "line 1: auth: \"github\" is not a mapping: write \"key: value\" lines indented under auth"),
                bad(
                        "number for text (OAuth client id)",
                        """
                auth:
                  type: github
                  client_id: 12345
                  client_secret: s3cret-value
                  oauth_callback_url: https://hub.example.org/hub/oauth_callback
                  allowed_organizations: [cs101]
                """,
                        "line 3: auth.client_id: 12345 is not text: put it in quotes, like \"12345\""),
                bad(
                        "number for text (address)",
                        """
                http:
                  address: 10
                """,
                        "line 2: http.address: 10 is not text: put it in quotes, like \"10\""),
                bad(
                        "secret of the wrong type is not shown",
                        """
                auth:
                  type: github
                  client_id: abc
                  client_secret: 12345678
                  oauth_callback_url: https://hub.example.org/hub/oauth_callback
                  allowed_organizations: [cs101]
                """,
                        "line 4: auth.client_secret: the value is not text: put it in quotes"),
                bad(
                        "empty value for a list",
                        """
                users:
                  admin:
                """,
                        "line 2: users.admin: has no value: write [] for none, or remove the line"),
                bad(
                        "size with GB",
                        """
                limits:
                  memory: 2GB
                """,
                        "line 2: limits.memory: \"2GB\" is not a size: use a number with K, M, G or T, like 512M or 2G"),
                bad(
                        "too few tasks, and tasks as a size",
                        """
                limits:
                  tasks: 8
                  users:
                    ada: {tasks: 1G}
                """,
                        "line 2: limits.tasks: 8 is not a number of tasks: use a whole number of at least 32 (a server and one kernel use about 16), like 512",
                        "line 4: limits.users.ada.tasks: \"1G\" is not a number of tasks: use a whole number of at least 32 (a server and one kernel use about 16), like 512"),
                bad(
                        "negative size",
                        """
                limits:
                  memory: -1G
                """,
                        "line 2: limits.memory: \"-1G\" is not a size: use a number with K, M, G or T, like 512M or 2G"),
                bad(
                        "size in words",
                        """
                limits:
                  memory: lots
                """,
                        "line 2: limits.memory: \"lots\" is not a size: use a number with K, M, G or T, like 512M or 2G"),
                bad(
                        "size zero",
                        """
                limits:
                  memory: 0
                """,
                        "line 2: limits.memory: 0 is not a size: use a number with K, M, G or T, like 512M or 2G"),
                bad(
                        "size without a unit is bytes, too few",
                        """
                limits:
                  memory: 512
                """,
                        "line 2: limits.memory: 512 is not a size: use a number with K, M, G or T, like 512M or 2G"),
                bad(
                        "bad size in a per-user limit",
                        """
                limits:
                  users:
                    ada:
                      memory: 8GB
                """,
                        "line 4: limits.users.ada.memory: \"8GB\" is not a size: use a number with K, M, G or T, like 512M or 2G"),
                bad(
                        "cpu zero",
                        """
                limits:
                  cpu: 0
                """,
                        "line 2: limits.cpu: 0 is not a number of CPU cores: use a number above 0, like 0.5 or 2"),
                bad(
                        "cpu negative",
                        """
                limits:
                  cpu: -1
                """,
                        "line 2: limits.cpu: -1 is not a number of CPU cores: use a number above 0, like 0.5 or 2"),
                bad(
                        "cpu in words",
                        """
                limits:
                  cpu: two
                """,
                        "line 2: limits.cpu: \"two\" is not a number of CPU cores: use a number above 0, like 0.5 or 2"),
                bad(
                        "user name with capitals",
                        """
                users:
                  admin: [Bob]
                """,
                        "line 2: users.admin: \"Bob\" is not a valid user name: use 1 to 64 lowercase letters a-z, digits, ., _, @ or -, starting with a letter or digit, like ada, student-07 or ada.lovelace@school.org"),
                bad(
                        "user name with a space",
                        """
                users:
                  allowed: ["a b"]
                """,
                        "line 2: users.allowed: \"a b\" is not a valid user name: use 1 to 64 lowercase letters a-z, digits, ., _, @ or -, starting with a letter or digit, like ada, student-07 or ada.lovelace@school.org"),
                bad(
                        "user name that is a shell command",
                        """
                users:
                  banned: [";rm -rf /"]
                """,
                        "line 2: users.banned: \";rm -rf /\" is not a valid user name: use 1 to 64 lowercase letters a-z, digits, ., _, @ or -, starting with a letter or digit, like ada, student-07 or ada.lovelace@school.org"),
                bad(
                        "user name with command substitution",
                        """
                users:
                  allowed:
                    - ada
                    - "$(id)"
                """,
                        "line 4: users.allowed: \"$(id)\" is not a valid user name: use 1 to 64 lowercase letters a-z, digits, ., _, @ or -, starting with a letter or digit, like ada, student-07 or ada.lovelace@school.org"),
                bad(
                        "user name of 65 characters",
                        """
                users:
                  admin: [abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij12345]
                """,
                        "line 2: users.admin: \"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij12345\" is not a valid user name: use 1 to 64 lowercase letters a-z, digits, ., _, @ or -, starting with a letter or digit, like ada, student-07 or ada.lovelace@school.org"),
                bad(
                        "user name with a line break",
                        """
                users:
                  admin: ["ada\\n"]
                """,
                        "line 2: users.admin: \"ada\\n\" is not a valid user name: use 1 to 64 lowercase letters a-z, digits, ., _, @ or -, starting with a letter or digit, like ada, student-07 or ada.lovelace@school.org"),
                bad(
                        "user name that is a path",
                        """
                users:
                  allowed: ["../x"]
                """,
                        "line 2: users.allowed: \"../x\" is not a valid user name: use 1 to 64 lowercase letters a-z, digits, ., _, @ or -, starting with a letter or digit, like ada, student-07 or ada.lovelace@school.org"),
                bad(
                        "user name as a per-user limit key",
                        """
                limits:
                  users:
                    Bob: {memory: 2G}
                """,
                        "line 3: limits.users.Bob: \"Bob\" is not a valid user name: use 1 to 64 lowercase letters a-z, digits, ., _, @ or -, starting with a letter or digit, like ada, student-07 or ada.lovelace@school.org"),
                bad(
                        "same user listed twice",
                        """
                users: {banned: [eve, eve]}
                """,
                        "line 1: users.banned: \"eve\" is listed twice (also on line 1): keep one"),
                bad(
                        "same user in admin and banned",
                        """
                users:
                  admin: [ada]
                  banned: [ada]
                """,
                        "line 3: users.banned: \"ada\" is also in users.admin: remove ada from one of the two lists"),
                bad(
                        "same user in allowed and banned",
                        """
                users:
                  allowed: [bob, carol]
                  banned:
                    - carol
                """,
                        "line 4: users.banned: \"carol\" is also in users.allowed: remove carol from one of the two lists"),
                bad(
                        "a real student with the rehearsal's reserved prefix",
                        """
                users:
                  allowed: [ada, rehearsal-ada]
                """,
                        "line 2: users.allowed: rehearsal-ada: names starting with \"rehearsal-\" are reserved for the temporary students of `littlehub rehearse`; give the student another name, like ada"),
                bad(
                        "an admin with the rehearsal's reserved prefix",
                        """
                users:
                  admin:
                    - rehearsal-prof
                """,
                        "line 3: users.admin: rehearsal-prof: names starting with \"rehearsal-\" are reserved for the temporary students of `littlehub rehearse`; give the student another name, like prof"),
                bad(
                        "a real student in the rehearsal's list",
                        """
                users:
                  rehearsal: [rehearsal-001, ada]
                """,
                        "line 2: users.rehearsal: \"ada\" is not a rehearsal student's name (rehearsal-001 ...): users.rehearsal is written by `littlehub rehearse` only; put real students in users.allowed"),
                bad(
                        "user name starting with a dot",
                        """
                users:
                  allowed: [.hidden]
                """,
                        "line 2: users.allowed: \".hidden\" is not a valid user name: use 1 to 64 lowercase letters a-z, digits, ., _, @ or -, starting with a letter or digit, like ada, student-07 or ada.lovelace@school.org"),
                bad(
                        "github open to every GitHub user",
                        """
                users:
                  admin: [prof]
                auth:
                  type: github
                  client_id: abc
                  client_secret: def
                  oauth_callback_url: https://hub.example.org/hub/oauth_callback
                """,
                        "line 4: auth.type: github with an empty users.allowed and no auth.allowed_organizations would let every GitHub user sign in: list users.allowed or auth.allowed_organizations"),
                bad(
                        "google open to every Google user",
                        """
                auth:
                  type: google
                  client_id: abc
                  client_secret: def
                  oauth_callback_url: https://hub.example.org/hub/oauth_callback
                  hosted_domain: []
                """,
                        "line 2: auth.type: google with an empty users.allowed and no auth.hosted_domain would let every Google user sign in: list users.allowed or auth.hosted_domain"),
                bad(
                        "OAuth callback outside base_url",
                        """
                base_url: /jupyter/
                users:
                  allowed: [ada]
                auth:
                  type: generic
                  client_id: hub
                  client_secret: s3cret
                  oauth_callback_url: https://hub.example.org/hub/oauth_callback
                  authorize_url: https://login.example.org/authorize
                  token_url: https://login.example.org/token
                  userdata_url: https://login.example.org/userinfo
                """,
                        "line 8: auth.oauth_callback_url: does not end with /jupyter/hub/oauth_callback, where this hub (base_url /jupyter/) receives sign-ins: use the hub's address followed by /jupyter/hub/oauth_callback, and register the same with the provider"),
                bad(
                        "port too large",
                        """
                http: {port: 70000}
                """,
                        "line 1: http.port: 70000 is not a port: use a whole number from 1 to 65535, like 80"),
                bad(
                        "port zero",
                        """
                http: {port: 0}
                """,
                        "line 1: http.port: 0 is not a port: use a whole number from 1 to 65535, like 80"),
                bad(
                        "port in words",
                        """
                http: {port: eighty}
                """,
                        "line 1: http.port: \"eighty\" is not a port: use a whole number from 1 to 65535, like 80"),
                bad(
                        "base_url without slashes",
                        """
                base_url: jupyter
                """,
                        "line 1: base_url: \"jupyter\" is not a base URL: it must start and end with /, like / or /jupyter/"),
                bad(
                        "base_url without the trailing slash",
                        """
                base_url: /jupyter
                """,
                        "line 1: base_url: \"/jupyter\" is not a base URL: it must start and end with /, like / or /jupyter/"),
                bad(
                        "base_url as a number",
                        """
                base_url: 5
                """,
                        "line 1: base_url: 5 is not a base URL: it must start and end with /, like / or /jupyter/"),
                bad(
                        "auth type misspelt",
                        """
                auth: {type: firstues}
                """,
                        "line 1: auth.type: \"firstues\" is not allowed here: did you mean firstuse? (one of firstuse, shared-password, native, github, google, generic, ldap)"),
                bad(
                        "auth type half remembered",
                        """
                auth:
                  type: password
                """,
                        "line 2: auth.type: \"password\" is not allowed here: did you mean shared-password? (one of firstuse, shared-password, native, github, google, generic, ldap)"),
                bad(
                        "auth type misspelt hides the other keys' problems",
                        """
                auth:
                  type: githb
                  client_id: abc
                """,
                        "line 2: auth.type: \"githb\" is not allowed here: did you mean github? (one of firstuse, shared-password, native, github, google, generic, ldap)"),
                bad(
                        "github without its settings",
                        """
                auth:
                  type: github
                  allowed_organizations: [cs101]
                """,
                        "line 1: auth: needs client_id, client_secret and oauth_callback_url with type: github: add \"client_id:\", \"client_secret:\" and \"oauth_callback_url:\" lines under auth"),
                bad(
                        "generic without its endpoints",
                        """
                auth:
                  type: generic
                  client_id: hub
                  client_secret: s3cret-value
                  oauth_callback_url: https://hub.example.org/hub/oauth_callback
                """,
                        "line 1: auth: needs authorize_url, token_url and userdata_url with type: generic: add \"authorize_url:\", \"token_url:\" and \"userdata_url:\" lines under auth"),
                bad(
                        "generic endpoint that is not a URL",
                        """
                auth:
                  type: generic
                  client_id: hub
                  client_secret: s3cret-value
                  oauth_callback_url: https://hub.example.org/hub/oauth_callback
                  authorize_url: https://login.example.org/authorize
                  token_url: login.example.org/token
                  userdata_url: https://login.example.org/userinfo
                """,
                        "line 7: auth.token_url: \"login.example.org/token\" is not a web address: it must start with https:// (or http://), like https://login.example.org/oauth/authorize"),
                bad(
                        "google callback that is not the hub's",
                        """
                auth:
                  type: google
                  client_id: hub.apps.googleusercontent.com
                  client_secret: s3cret-value
                  oauth_callback_url: hub.example.org/callback
                  hosted_domain: [school.example.org]
                """,
                        "line 5: auth.oauth_callback_url: \"hub.example.org/callback\" is not a callback address: use the hub's address followed by /hub/oauth_callback, like https://hub.example.org/hub/oauth_callback"),
                bad(
                        "a setting of another auth type",
                        """
                auth:
                  type: github
                  client_id: abc
                  client_secret: def
                  oauth_callback_url: https://hub.example.org/hub/oauth_callback
                  user_password: letmein-please
                  allowed_organizations: [cs101]
                """,
                        "line 6: auth.user_password: unknown key; it is a setting of type: shared-password; the keys here are type, login_hint, throttle, client_id, client_secret, oauth_callback_url, allowed_organizations"),
                bad(
                        "shared-password without the password",
                        """
                auth:
                  type: shared-password
                """,
                        "line 1: auth: needs user_password with type: shared-password: add a \"user_password:\" line under auth"),
                bad(
                        "shared-password too short",
                        """
                auth:
                  type: shared-password
                  user_password: short
                """,
                        "line 3: auth.user_password: the value is too short (5 characters): use at least 8 characters"),
                bad(
                        "shared-password admin password too short and the same",
                        """
                auth: {type: shared-password, user_password: abcdefgh, admin_password: abcdefgh}
                """,
                        "line 1: auth.admin_password: the value is too short (8 characters): use at least 32 characters",
                        "line 1: auth.admin_password: is the same as auth.user_password: give admins a password of their own, or remove admin_password"),
                bad(
                        "open sign-up with a yes-or-no in words",
                        """
                users:
                  open_signup: yes please
                """,
                        "line 2: users.open_signup: \"yes please\" is not true or false: write true or false"),
                bad(
                        "native's own open_signup moved to users",
                        """
                auth:
                  type: native
                  open_signup: true
                """,
                        "line 3: auth.open_signup: true moved to users.open_signup: remove auth.open_signup and write users.open_signup instead"),
                bad(
                        "firstuse with a zero password length",
                        """
                auth:
                  type: firstuse
                  min_password_length: 0
                """,
                        "line 3: auth.min_password_length: 0 is too small: use 1 or more"),
                bad(
                        "firstuse's only_listed_users is refused with its replacement",
                        """
                auth:
                  only_listed_users: false
                """,
                        "line 2: auth.only_listed_users: false is no longer a setting: only users.allowed and users.admin may sign in now; "
                                + "remove auth.only_listed_users (to let anyone sign up instead: users.open_signup: true)"),
                bad(
                        "throttle's longest lockout shorter than the first",
                        """
                auth:
                  throttle: {lockout_seconds: 600, max_lockout_seconds: 60, failures_per_name: 0}
                """,
                        "line 2: auth.throttle.failures_per_name: 0 is too small: use 1 or more",
                        "line 2: auth.throttle.max_lockout_seconds: is shorter than auth.throttle.lockout_seconds (600): make it at least 600"),
                bad(
                        "ldap without server_address",
                        """
                auth:
                  type: ldap
                  bind_dn_template: uid={username},ou=people,dc=example,dc=org
                """,
                        "line 1: auth: needs server_address with type: ldap: add a \"server_address:\" line under auth"),
                bad(
                        "ldap without a way to find the DN",
                        """
                auth:
                  type: ldap
                  server_address: ldap.example.org
                """,
                        "line 1: auth: needs bind_dn_template, or lookup_dn: true with user_search_base and user_attribute"),
                bad(
                        "ldap lookup_dn without its search settings",
                        """
                auth:
                  type: ldap
                  server_address: ldap.example.org
                  lookup_dn: true
                  user_search_base: ou=people,dc=example,dc=org
                """,
                        "line 1: auth: needs bind_dn_template, or lookup_dn: true with user_search_base and user_attribute"),
                bad(
                        "ldap bind_dn_template without {username}",
                        """
                auth:
                  type: ldap
                  server_address: ldap.example.org
                  bind_dn_template:
                    - uid={username},ou=staff,dc=example,dc=org
                    - uid=student,ou=people,dc=example,dc=org
                """,
                        "line 6: auth.bind_dn_template: \"uid=student,ou=people,dc=example,dc=org\" is not a DN template: it must contain {username}, like uid={username},ou=people,dc=example,dc=org"),
                bad(
                        "default_app jupyterlab",
                        """
                user_environment:
                  default_app: jupyterlab
                """,
                        "line 2: user_environment.default_app: \"jupyterlab\" is not allowed here: did you mean lab? (one of lab, notebook)"),
                bad("course name not text", """
                course:
                  name: [Data, 101]
                """, "line 2: course.name: a list is not text: put it in quotes"),
                bad(
                        "jupyterlab_news not true or false",
                        """
                user_environment:
                  jupyterlab_news: sometimes
                """,
                        "line 2: user_environment.jupyterlab_news: \"sometimes\" is not true or false: write true or false"),
                bad(
                        "cull timeout negative",
                        """
                services:
                  cull:
                    timeout: -5
                """,
                        "line 3: services.cull.timeout: -5 is not a number of seconds: use a whole number above 0, like 600 for 10 minutes"),
                bad(
                        "cull timeout a fraction",
                        """
                services:
                  cull:
                    every: 1.5
                """,
                        "line 3: services.cull.every: 1.5 is not a number of seconds: use a whole number above 0, like 600 for 10 minutes"),
                bad(
                        "cull enabled in words",
                        """
                services:
                  cull:
                    enabled: maybe
                """,
                        "line 3: services.cull.enabled: \"maybe\" is not true or false: write true or false"),
                bad(
                        "cull max_age negative",
                        """
                services: {cull: {max_age: -1}}
                """,
                        "line 1: services.cull.max_age: -1 is not a number of seconds: use a whole number, 0 for no maximum, like 28800 for 8 hours"),
                bad(
                        "backup schedule monthly",
                        """
                backup:
                  schedule: monthly
                """,
                        "line 2: backup.schedule: \"monthly\" is not a schedule: use daily, weekly or \"off\" (in quotes: YAML reads a bare off as false)"),
                bad(
                        "backup schedule off without quotes is YAML's false",
                        """
                backup: {schedule: off}
                """,
                        "line 1: backup.schedule: off is not a schedule: use daily, weekly or \"off\" (in quotes: YAML reads a bare off as false)"),
                bad(
                        "backup keeping none",
                        """
                backup: {schedule: daily, keep: 0}
                """,
                        "line 1: backup.keep: 0 is not a number of archives to keep: use a whole number from 1 to 365, like 7"),
                bad(
                        "backup keeping more than a year of dailies",
                        """
                backup:
                  keep: 400
                """,
                        "line 2: backup.keep: 400 is not a number of archives to keep: use a whole number from 1 to 365, like 7"),
                bad("unknown key in backup", """
                backup:
                  shedule: daily
                """, "line 2: backup.shedule: unknown key; did you mean backup.schedule?"),
                bad(
                        "class start without quotes",
                        """
                class:
                  schedule: [{days: [mon], start: 10:00}]
                """,
                        "line 2: class.schedule.start: 10:00 is not a start time: write the 24-hour time in quotes, like \"10:00\" or \"14:30\""),
                bad(
                        "class start at 25:00",
                        """
                class:
                  schedule: [{days: [mon], start: "25:00"}]
                """,
                        "line 2: class.schedule.start: \"25:00\" is not a start time: write the 24-hour time in quotes, like \"10:00\" or \"14:30\""),
                bad(
                        "class on a day that is not one",
                        """
                class:
                  schedule: [{days: [monday], start: "10:00"}]
                """,
                        "line 2: class.schedule.days: \"monday\" is not a weekday: use mon, tue, wed, thu, fri, sat or sun"),
                bad(
                        "class without days",
                        """
                class:
                  schedule: [{start: "10:00"}]
                """,
                        "line 2: class.schedule: needs days and a start: write a class like {days: [mon, wed], start: \"10:00\"} (warm_minutes_before and grace_minutes are optional)"),
                bad(
                        "class warmed 0 minutes before",
                        """
                class:
                  schedule: [{days: [mon], start: "10:00", warm_minutes_before: 0}]
                """,
                        "line 2: class.schedule.warm_minutes_before: 0 is not a number of minutes: use a whole number from 1 to 120, like 10"),
                bad(
                        "class grace of a day",
                        """
                class:
                  schedule: [{days: [mon], start: "10:00", grace_minutes: 1440}]
                """,
                        "line 2: class.schedule.grace_minutes: 1440 is not a number of minutes: use a whole number from 0 to 240, like 20"),
                bad(
                        "class time zone with spaces",
                        """
                class:
                  timezone: Central European Time
                """,
                        "line 2: class.timezone: \"Central European Time\" is not a time zone: use a name like Europe/Berlin (`timedatectl list-timezones` lists them), or \"\" for the VM's own"),
                bad(
                        "https on without a domain",
                        """
                https:
                  enabled: true
                """,
                        "line 2: https.enabled: is true, but https.domains is empty: add the name that points at the VM (littlehub config add-item https.domains hub.example.org), or name the VM by its address (littlehub config set https.address_name sslip.io)"),
                bad(
                        "a secret copied from config show's masked output",
                        """
                auth:
                  type: shared-password
                  user_password: "********"
                """,
                        "line 3: auth.user_password: is ********, the mask `config show` prints instead of the secret: write the real value (`littlehub config show --show-secrets` prints the file as it is)"),
                bad(
                        "hsts without https",
                        """
                https:
                  hsts: {enabled: true}
                """,
                        "line 2: https.hsts.enabled: is true, but HTTPS is off (browsers ignore HSTS over plain HTTP): turn HTTPS on first (https.enabled with https.domains, or https.address_name)"),
                bad(
                        "an address name with https switched off, an unknown service, a public address that is no IPv4 address",
                        """
                https:
                  enabled: false
                  address_name: sslip.io
                  public_address: 203.0.113
                """,
                        "line 2: https.enabled: is false, but https.address_name turns HTTPS on: remove https.address_name for plain HTTP, or remove https.enabled",
                        "line 4: https.public_address: \"203.0.113\" is not an IPv4 address: use the VM's public address, like 203.0.113.7"),
                bad(
                        "an address name of an unknown service",
                        """
                https:
                  address_name: xip.io
                """,
                        "line 2: https.address_name: \"xip.io\" is not a wildcard-DNS service littlehub knows: use sslip.io or nip.io (\"\" for none)"),
                bad(
                        "https domain with a scheme, an IP address, capitals",
                        """
                https:
                  domains: [https://hub.example.org, 203.0.113.7, Hub.Example.org]
                """,
                        "line 2: https.domains: \"https://hub.example.org\" is not a domain name: use the lowercase name that points at the VM, like hub.example.org (no https://, no port, no IP address)",
                        "line 2: https.domains: \"203.0.113.7\" is not a domain name: use the lowercase name that points at the VM, like hub.example.org (no https://, no port, no IP address)",
                        "line 2: https.domains: \"Hub.Example.org\" is not a domain name: use the lowercase name that points at the VM, like hub.example.org (no https://, no port, no IP address)"),
                bad(
                        "https with half of an own certificate, a relative path",
                        """
                https:
                  enabled: true
                  domains: [hub.example.org]
                  tls:
                    cert: hub.pem
                """,
                        "line 5: https.tls.cert: \"hub.pem\" is not an absolute path on the VM: use one like /etc/littlehub/tls/hub.pem (letters, digits and . _ @ + - only)",
                        "line 5: https.tls.cert: is set but https.tls.key is not: give both the certificate and its key, or neither (then ACME gets one)"),
                bad(
                        "https on the port of http, staging beside another ACME server, a plain-http directory",
                        """
                http:
                  port: 8443
                https:
                  enabled: true
                  port: 8443
                  domains: [hub.example.org]
                  letsencrypt: {email: teacher, staging: true}
                  acme: {directory: "http://acme.school.org/dir"}
                """,
                        "line 5: https.port: is the same as http.port: HTTPS and the redirect from HTTP need a port each, like 443 and 80",
                        "line 7: https.letsencrypt.email: \"teacher\" is not an e-mail address: use one like teacher@school.org",
                        "line 7: https.letsencrypt.staging: is true, but https.acme.directory names another ACME server: remove one of the two (staging is Let's Encrypt's test server)",
                        "line 8: https.acme.directory: \"http://acme.school.org/dir\" is not an ACME directory URL: use one that starts with https://, like https://acme.school.org/directory"),
                bad(
                        "with https on, the proxy's own port is taken",
                        """
                http:
                  port: 8000
                https:
                  enabled: true
                  domains: [hub.example.org]
                """,
                        "line 2: http.port: 8000 is taken on the VM by the proxy behind HTTPS: pick another, like 80 or 8080"),
                bad(
                        "YAML: a list not closed",
                        """
                users:
                  admin: [ada
                  allowed: [bob]
                """,
                        "line 3: not valid YAML (expected ',' or ']', but got :): a [ list is not closed with ] (it starts on line 2)"),
                bad(
                        "YAML: indented with a tab",
                        """
                users:
                \tadmin: [ada]
                """,
                        "line 2: not valid YAML (a tab character): indent with spaces, not tabs"),
                bad(
                        "YAML: a value with a colon",
                        """
                base_url: /hub
                  x: 1
                """,
                        "line 2: not valid YAML (mapping values are not allowed here): check the indentation, and put a value that contains \": \" in quotes"),
                bad(
                        "YAML: a quote not closed",
                        """
                auth:
                  type: github
                  client_id: "abc
                """,
                        "line 3: not valid YAML (found unexpected end of stream): a quote or bracket is not closed"),
                bad(
                        "YAML: two documents",
                        """
                base_url: /
                ---
                base_url: /hub/
                """,
                        "line 2: not valid YAML (more than one document): keep one, and remove the \"---\" line"),
                bad(
                        "the document is a list",
                        """
                - users
                - limits
                """,
                        "line 1: the config is a list, but must be \"key: value\" lines, like \"base_url: /\""),
                bad(
                        "the document is text",
                        """
                hello
                """,
                        "line 1: the config is \"hello\", but must be \"key: value\" lines, like \"base_url: /\""),
                bad(
                        "duplicate top-level keys",
                        """
                users:
                  admin: [ada]
                limits: {cpu: 1}
                users:
                  allowed: [bob]
                """,
                        "line 4: users: duplicate key (also on line 1): keep only one of them"),
                bad(
                        "duplicate nested keys",
                        """
                users:
                  admin: [ada]
                  admin: [bob]
                """,
                        "line 3: users.admin: duplicate key (also on line 2): keep only one of them"),
                bad(
                        "several problems, in line order",
                        """
                users:
                  admin: [Ada]
                limits:
                  memory: 2GB
                  cpu: 0
                colour: blue
                """,
                        "line 2: users.admin: \"Ada\" is not a valid user name: use 1 to 64 lowercase letters a-z, digits, ., _, @ or -, starting with a letter or digit, like ada, student-07 or ada.lovelace@school.org",
                        "line 4: limits.memory: \"2GB\" is not a size: use a number with K, M, G or T, like 512M or 2G",
                        "line 5: limits.cpu: 0 is not a number of CPU cores: use a number above 0, like 0.5 or 2",
                        "line 6: colour: unknown key; the keys here are users, course, auth, limits, user_environment, services, backup, class, http, https, base_url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void refusesBadConfigWithItsMessages(String name, String yaml, List<String> expected) {
        assertEquals(
                expected,
                VALIDATOR.validateLanguage(yaml).stream()
                        .map(ConfigProblem::toString)
                        .toList());
    }

    @Test
    void tableIsBigEnough() {
        assertTrue(badConfigs().count() >= 35);
    }

    static Stream<Arguments> goodConfigs() {
        return Stream.of(
                Arguments.of("empty file", ""),
                Arguments.of("only comments", "# nothing set yet\n"),
                Arguments.of("empty document marker", "---\n"),
                Arguments.of("every default written out", new Yaml(flow()).dump(HubConfig.defaults())),
                Arguments.of("no limits", "limits: {memory: null, cpu: ~}\n"),
                Arguments.of(
                        "sizes",
                        "limits:\n  memory: 1073741824\n  users:\n    ada: {memory: 1.5G, cpu: 0.25}\n    bob: {memory: 512M}\n"),
                Arguments.of("tasks", "limits:\n  tasks: 1024\n  users:\n    ada: {tasks: 4096}\n"),
                Arguments.of(
                        "a rehearsal running; an old one's names still banned",
                        "users: {allowed: [ada, rehearsals.fan], rehearsal: [rehearsal-001], banned: [rehearsal-002]}\n"),
                Arguments.of(
                        "user names with dots, @ and digits first, up to 64 characters",
                        "users: {allowed: [ada.lovelace@school.org, 07-student, a, abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234]}\n"),
                Arguments.of("github with a roster only", """
                users: {allowed: [ada]}
                auth:
                  type: github
                  client_id: abc
                  client_secret: def
                  oauth_callback_url: https://hub.example.org/hub/oauth_callback
                """),
                Arguments.of(
                        "firstuse with a roster",
                        "users: {allowed: [ada, bob-2, c_d]}\nauth: {type: firstuse, min_password_length: 8}\n"),
                Arguments.of(
                        "open sign-up, throttled gently",
                        "users: {open_signup: true}\nauth: {throttle: {failures_per_name: 10, lockout_seconds: 30}}\n"),
                Arguments.of(
                        "shared-password without an admin password",
                        "auth: {type: shared-password, user_password: 12345678x}\n"),
                Arguments.of("native", "auth: {type: native, minimum_password_length: 10}\n"),
                Arguments.of("the student's first minute", """
                course: {name: "Data 101 <b>&</b>"}
                auth: {type: shared-password, user_password: 12345678x, login_hint: Use the password on the board.}
                user_environment: {jupyterlab_news: true}
                """),
                Arguments.of("google", """
                auth:
                  type: google
                  client_id: "1234.apps.googleusercontent.com"
                  client_secret: s3cret
                  oauth_callback_url: http://203.0.113.7/jupyter/hub/oauth_callback
                  hosted_domain: [school.example.org]
                base_url: /jupyter/
                """),
                Arguments.of("generic", """
                auth:
                  type: generic
                  client_id: hub
                  client_secret: s3cret
                  oauth_callback_url: https://hub.example.org/hub/oauth_callback
                  authorize_url: https://login.example.org/authorize
                  token_url: https://login.example.org/token
                  userdata_url: https://login.example.org/userinfo
                  scope: [openid, profile, email]
                """),
                Arguments.of("ldap with a DN lookup", """
                auth:
                  type: ldap
                  server_address: ldap.example.org
                  lookup_dn: true
                  user_search_base: ou=people,dc=example,dc=org
                  user_attribute: uid
                """),
                Arguments.of(
                        "culling off",
                        "services: {cull: {enabled: false, max_age: 0}}\nhttp: {address: 127.0.0.1, port: 8080}\n"),
                Arguments.of("scheduled backups", "backup: {schedule: weekly, keep: 365}\n"),
                Arguments.of("scheduled backups off, in quotes", "backup: {schedule: 'off', keep: 1}\n"),
                Arguments.of("https reserved", "https: {enabled: false}\n"),
                Arguments.of("https by the address's name, one key", "https: {address_name: sslip.io}\n"),
                Arguments.of("https by the address's name with hsts", """
                https:
                  address_name: nip.io
                  public_address: 203.0.113.7
                  hsts: {enabled: true, max_age: 300}
                """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodConfigs")
    void acceptsGoodConfig(String name, String yaml) {
        assertEquals(List.of(), VALIDATOR.validateLanguage(yaml), yaml);
    }

    static Stream<Path> examples() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (Path dir : List.of(EXAMPLES, LANGUAGE_EXAMPLES)) {
            try (Stream<Path> files = Files.list(dir)) {
                all.addAll(files.filter(p -> p.toString().endsWith(".yaml"))
                        .sorted()
                        .toList());
            }
        }
        assertTrue(all.size() >= 4, "example hub configs exist");
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleIsValid(Path example) throws IOException {
        String text = Files.readString(example);
        assertEquals(List.of(), VALIDATOR.validate(text));
        String first = text.lines().findFirst().orElse("");
        assertTrue(
                first.startsWith("# yaml-language-server: $schema=")
                        && Files.isRegularFile(example.getParent().resolve(first.substring(first.indexOf('=') + 1))),
                "editors find the schema through the first line");
    }

    /** The schema's documented defaults are the ones the hub gets (HubConfig.defaults()). */
    @Test
    void schemaDefaultsAreHubConfigDefaults() {
        JsonNode schema = ConfigSchema.packaged().root();
        compareDefaults(schema, schema, new ObjectMapper().valueToTree(HubConfig.defaults()), "");
    }

    private static void compareDefaults(JsonNode root, JsonNode schema, JsonNode expected, String path) {
        if (expected.isObject() && expected.size() > 0) {
            expected.fields().forEachRemaining(f -> {
                JsonNode property = schema.path("properties").path(f.getKey());
                assertTrue(property.isObject(), "the schema declares " + path + f.getKey());
                compareDefaults(root, property, f.getValue(), path + f.getKey() + ".");
            });
            return;
        }
        JsonNode declared = schema.has("default")
                ? schema.get("default")
                : root.at(schema.path("$ref").asText("#").substring(1)).path("default");
        assertEquals(expected, declared, "default of " + path);
    }

    @Test
    void schemaWithAnUnsupportedKeywordIsRefused() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> ConfigSchema.parse("{\"type\": \"object\", \"properties\": {\"a\": {\"oneOf\": []}}}"));
        assertEquals(
                "the config schema uses \"oneOf\" at #/properties/a, which littlehub's validator does not implement",
                e.getMessage());
    }

    @Test
    void theRepositorysSchemaIsThePackagedOne() throws IOException {
        JsonNode repo =
                new ObjectMapper().readTree(Files.readString(Path.of("..", "schema", "littlehub-config.schema.json")));
        assertEquals(repo, ConfigSchema.packaged().root());
    }

    @Test
    void patternsEndWhereTheTextEnds() {
        assertEquals("^[a-z$]+\\z", ConfigSchema.ecmaDollar("^[a-z$]+$"));
        assertEquals("a\\$b\\z", ConfigSchema.ecmaDollar("a\\$b$"));
    }

    @Test
    void didYouMeanCountsASwapOnce() {
        assertEquals(1, DidYouMean.distance("firstues", "firstuse"));
        assertEquals(2, DidYouMean.distance("firstues", "firstusex"));
    }

    private static DumperOptions flow() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return o;
    }

    /** An unknown key is pointed only to keys of its own section: close siblings, or a key deeper in it. */
    static Stream<Arguments> unknownKeys() {
        return Stream.of(
                Arguments.of("services:\n  cull:\n    users: true\n", "services.cull.users", null),
                Arguments.of("services:\n  cull:\n    timout: 600\n", "services.cull.timout", "services.cull.timeout"),
                Arguments.of("services:\n  cull:\n    maxage: 600\n", "services.cull.maxage", "services.cull.max_age"),
                Arguments.of("auth:\n  type: firstuse\n  users: [ada]\n", "auth.users", null),
                Arguments.of("user_environment:\n  memory: 2G\n", "user_environment.memory", null),
                Arguments.of("limits:\n  admin: [ada]\n", "limits.admin", null),
                Arguments.of("admin: [ada]\n", "admin", "users.admin"),
                Arguments.of("timeout: 600\n", "timeout", "services.cull.timeout"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unknownKeys")
    void didYouMeanStaysInTheSection(String yaml, String key, String suggestion) {
        List<String> problems =
                VALIDATOR.validate(yaml).stream().map(ConfigProblem::toString).toList();
        assertEquals(1, problems.size(), problems.toString());
        String problem = problems.get(0);
        assertTrue(problem.contains(key + ": unknown key; "), problem);
        if (suggestion == null) {
            assertTrue(!problem.contains("did you mean") && problem.contains("the keys here are "), problem);
        } else {
            assertTrue(problem.endsWith("did you mean " + suggestion + "?"), problem);
        }
    }
}
