package io.littlehub.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.ops.AptPackages;
import io.littlehub.agent.ops.FileContent;
import io.littlehub.agent.ops.Group;
import io.littlehub.agent.ops.GroupAccess;
import io.littlehub.agent.ops.HttpCheck;
import io.littlehub.agent.ops.PipPackages;
import io.littlehub.agent.ops.Secret;
import io.littlehub.agent.ops.Venv;
import io.littlehub.agent.playbook.Playbook;
import io.littlehub.agent.playbook.PlaybookLoader;
import io.littlehub.agent.playbook.Task;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.Facts;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.config.Layout;
import io.littlehub.common.students.UnixNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged provision playbook and templates render for real configs, and the hub config is valid Python. */
class ProvisionPlaybookTest {
    private static final Facts DEBIAN =
            new Facts("debian", "12", "Debian GNU/Linux 12 (bookworm)", "amd64", 2L << 30, 20L << 30, 252);

    static Playbook render(String configYaml) {
        return new PlaybookLoader().load("provision", Model.build(HubConfig.load(configYaml), DEBIAN));
    }

    static String file(Playbook book, String path) {
        return book.tasks().stream()
                .map(Task::operation)
                .filter(o -> o instanceof FileContent f && f.path().equals(path))
                .map(o -> ((FileContent) o).content())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no task writes " + path));
    }

    @Test
    void rendersWithDefaultsAndPinsEveryPackage() {
        Playbook book = render("");
        assertTrue(book.tasks().size() > 15);
        assertEquals(
                List.of("reload isolation", "restart proxy", "restart hub", "restart ssh", "hub answers"),
                book.handlers().stream().map(Task::name).toList());
        String config = file(book, HUB_CONFIG);
        assertTrue(config.contains("c.SystemdSpawner.mem_limit = \"1G\""), config);
        assertTrue(config.contains("c.Spawner.default_url = \"/lab\""), config);
        assertEquals("{\"allowed\": [], \"admins\": [], \"banned\": []}\n", file(book, Layout.ROSTER_FILE));
        Map<String, Object> versions = Model.versions();
        assertTrue(versions.get("hub") instanceof Map<?, ?> hub && hub.containsKey("jupyterhub"));
    }

    @Test
    void hubConfigIsValidPythonEvenForAwkwardValues(@TempDir Path dir) throws Exception {
        String config = file(render("""
                users: {admin: [ada, "bob\\"); import os; os.system('id') #"]}
                limits: {memory: 512M, cpu: 0.5}
                user_environment: {default_app: notebook}
                services: {cull: {enabled: false}}
                """), HUB_CONFIG);
        assertTrue(config.contains("c.Spawner.default_url = \"/tree\""));
        assertTrue(config.contains("cpu_limit = float(0.5)"), config);
        assertTrue(config.contains("idle culling is off"));
        Path py = dir.resolve("jupyterhub_config.py");
        Files.writeString(py, config);
        Path roster = dir.resolve("roster.json");
        Files.writeString(roster, file(render("""
                users: {admin: [ada, "bob\\"); import os; os.system('id') #"]}
                """), Layout.ROSTER_FILE));
        // Parse both with Python: a quoting mistake would be a syntax error, or an extra statement in the module; the
        // names are in the roster file (littlehub_roster.read_roster reads it with json).
        Process p = new ProcessBuilder("python3", "-c", """
                import ast, json, sys
                ast.parse(open(sys.argv[1]).read())
                admins = json.load(open(sys.argv[2]))["admins"]
                print(set(admins) == {'ada', 'bob"); import os; os.system(\\'id\\') #'})
                """, py.toString(), roster.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals("True", out, "the hostile admin name stays one string literal");
    }

    /** Every example config (valid, see ConfigValidatorTest) renders into a hub config, "no limit" included. */
    @Test
    void examplesAndNoLimitsRender() throws Exception {
        List<Path> examples;
        try (var files = Files.list(Path.of("..", "examples"))) {
            examples =
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(examples.size() >= 1);
        for (Path example : examples) {
            String config = file(render(Files.readString(example)), HUB_CONFIG);
            assertTrue(config.contains("c.SystemdSpawner.mem_limit = "), example + "\n" + config);
        }
        String unlimited = file(render("limits: {memory: null, cpu: ~}\n"), HUB_CONFIG);
        assertTrue(
                !unlimited.contains("c.SystemdSpawner.mem_limit") && !unlimited.contains("c.SystemdSpawner.cpu_limit"),
                unlimited);
    }

    /** Where provision renders the hub config: into the release it installs (the hub reads it through the current link). */
    private static final String HUB_CONFIG = Layout.releaseDir(BuildInfo.version()) + "/jupyterhub_config.py";

    private static String hubConfig(String yaml) {
        return file(render(yaml), HUB_CONFIG);
    }

    private static void assertHas(String config, String... lines) {
        for (String line : lines) {
            assertTrue(config.lines().anyMatch(l -> l.equals(line)), "missing line: " + line + "\n" + config);
        }
    }

    /** Runs Python on the rendered config's text (argv[1]: the file) and returns what it prints. */
    private static String python(Path dir, String config, String script) throws Exception {
        Path py = dir.resolve("jupyterhub_config-" + Integer.toHexString(config.hashCode()) + ".py");
        Files.writeString(py, config);
        Process p = new ProcessBuilder("python3", "-c", script, py.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void aRehearsalsStudentsMaySignInBesideTheRoster() {
        assertEquals(
                "{\"allowed\": [\"ada\", \"rehearsal-001\"], \"admins\": [], \"banned\": []}\n",
                file(render("users: {allowed: [ada], rehearsal: [rehearsal-001]}\n"), Layout.ROSTER_FILE));
    }

    @Test
    void firstuseRosterOnlyUnlessOpenSignup() {
        String roster = hubConfig("users: {admin: [teacher], allowed: [ada, bob], banned: [eve]}\n"
                + "auth: {type: firstuse, min_password_length: 10}\n");
        assertHas(
                roster,
                "c.JupyterHub.authenticator_class = FirstUseSignIn",
                "c.FirstUseSignIn.open_signup = False",
                "c.Authenticator.allow_all = False",
                "c.FirstUseAuthenticator.min_password_length = 10",
                "ROSTER_FILE = \"/opt/littlehub/state/roster.json\"",
                "ALLOWED, ADMINS, BANNED = read_roster(ROSTER_FILE)",
                "c.Authenticator.blocked_users = set(BANNED)",
                "c.Authenticator.allowed_users = set(ALLOWED)",
                "c.Authenticator.allow_existing_users = False");
        assertEquals(
                "{\"allowed\": [\"ada\", \"bob\"], \"admins\": [\"teacher\"], \"banned\": [\"eve\"]}\n",
                file(render("users: {admin: [teacher], allowed: [ada, bob], banned: [eve]}\n"), Layout.ROSTER_FILE));
        String open = hubConfig("users: {admin: [teacher], allowed: [ada], open_signup: true}\n");
        assertHas(
                open,
                "c.FirstUseSignIn.open_signup = True",
                "c.Authenticator.allow_all = True",
                "c.FirstUseAuthenticator.min_password_length = 7");
    }

    @Test
    void throttleOnByDefault() {
        String defaults = hubConfig("");
        assertHas(
                defaults,
                "c.SignInGuard.throttle = True",
                "c.SignInGuard.failures_per_name = 5",
                "c.SignInGuard.failures_per_address = 30",
                "c.SignInGuard.window_seconds = 300",
                "c.SignInGuard.lockout_seconds = 60",
                "c.SignInGuard.max_lockout_seconds = 3600",
                "sys.path.insert(0, \"" + Layout.releaseDir(BuildInfo.version()) + "\")");
        assertHas(
                hubConfig("auth: {throttle: {enabled: false, lockout_seconds: 5, max_lockout_seconds: 20}}\n"),
                "c.SignInGuard.throttle = False",
                "c.SignInGuard.lockout_seconds = 5",
                "c.SignInGuard.max_lockout_seconds = 20");
    }

    /** The sign-in modules go beside the hub config byte for byte: FreeMarker finds nothing to render in them. */
    @Test
    void signinModulesAreCopiedUnchanged() throws Exception {
        Playbook book = render("");
        for (String module : List.of(
                "littlehub_signin.py",
                "littlehub_signin_throttle.py",
                "littlehub_roster.py",
                "littlehub_capacity.py",
                "littlehub_prestart.py",
                "littlehub_hub.py")) {
            assertEquals(
                    Files.readString(Path.of("..", "templates", module)),
                    file(book, Layout.releaseDir(BuildInfo.version()) + "/" + module),
                    module);
        }
    }

    /**
     * A roster change (students, admins, bans) changes no file whose task restarts the hub: only the roster file,
     * which the running hub reads again at the next sign-in. Emptying the roster of an auth type whose allow_all
     * depends on it does need the restart, and gets it.
     */
    @Test
    void aRosterChangeRestartsNothing() {
        String before = "users: {admin: [teacher], allowed: [ada]}\n";
        String after = "users: {admin: [teacher, grace], allowed: [ada, bob, grace], banned: [eve]}\n";
        assertEquals(restartingFiles(render(before)), restartingFiles(render(after)));
        assertTrue(!file(render(before), Layout.ROSTER_FILE).equals(file(render(after), Layout.ROSTER_FILE)));
        assertTrue(render(after).tasks().stream()
                .filter(t -> t.operation() instanceof FileContent f && f.path().equals(Layout.ROSTER_FILE))
                .allMatch(t -> t.notifies().isEmpty()));
        String generic = "auth: {type: generic, client_id: a, client_secret: b, oauth_callback_url: 'https://h/c',"
                + " authorize_url: 'https://i/a', token_url: 'https://i/t', userdata_url: 'https://i/u'}\n";
        assertTrue(!restartingFiles(render(generic + "users: {allowed: [ada]}\n"))
                .equals(restartingFiles(render(generic))));
    }

    private static Map<String, String> restartingFiles(Playbook book) {
        Map<String, String> files = new java.util.TreeMap<>();
        book.tasks().stream()
                .filter(t -> t.notifies().contains("restart hub") && t.operation() instanceof FileContent)
                .map(t -> (FileContent) t.operation())
                .forEach(f -> files.put(f.path(), f.content()));
        return files;
    }

    /** When the VM runs out of memory the kernel kills a student's server, not the hub, the proxy or sshd. */
    @Test
    void theOomKillerSparesHubProxyAndSshd() {
        Playbook book = render("");
        for (String unit :
                List.of("/etc/systemd/system/jupyterhub.service", "/etc/systemd/system/littlehub-proxy.service")) {
            assertHas(file(book, unit), "OOMScoreAdjust=-900");
        }
        assertHas(file(book, Layout.SSH_OOM_DROP_IN), "[Service]", "OOMScoreAdjust=-900");
        assertTrue(book.tasks().stream()
                .filter(t -> t.operation() instanceof FileContent f && f.path().equals(Layout.SSH_OOM_DROP_IN))
                .allMatch(t -> t.notifies().equals(List.of("restart ssh"))));
        assertTrue(hubConfig("").contains("\"OOMScoreAdjust\": \"500\""));
    }

    @Test
    void sharedPassword() {
        String roster =
                hubConfig("users: {allowed: [ada]}\nauth: {type: shared-password, user_password: \"pa\\\"ss word\"}\n");
        assertHas(
                roster,
                "c.JupyterHub.authenticator_class = guarded(SharedPasswordAuthenticator)",
                "c.SharedPasswordAuthenticator.user_password = \"pa\\\"ss word\"",
                "c.Authenticator.allow_all = False  # only the roster");
        assertTrue(!roster.contains("admin_password ="), roster);
        String open = hubConfig(
                "users: {open_signup: true}\nauth: {type: shared-password, user_password: abcdefgh, admin_password: "
                        + "x".repeat(32) + "}\n");
        assertHas(
                open,
                "c.SharedPasswordAuthenticator.admin_password = \"" + "x".repeat(32) + "\"",
                "c.Authenticator.allow_all = True  # users.open_signup: any name, with the password");
    }

    @Test
    void nativeSignUp() {
        String config = hubConfig("users: {open_signup: true}\n"
                + "auth: {type: native, minimum_password_length: 12, check_common_password: false}\n");
        assertHas(
                config,
                "c.JupyterHub.authenticator_class = native_sign_in()",
                "c.JupyterHub.template_paths = [",
                "    LOGIN_TEMPLATES, os.path.join(os.path.dirname(nativeauthenticator.__file__), \"templates\")]",
                "c.NativeAuthenticator.open_signup = True",
                "c.NativeAuthenticator.minimum_password_length = 12",
                "c.NativeAuthenticator.check_common_password = False",
                "c.NativeAuthenticator.ask_email_on_signup = False",
                "c.Authenticator.allow_all = True");
        assertHas(
                hubConfig("auth: {type: native}\n"),
                "c.NativeAuthenticator.open_signup = False",
                "c.NativeAuthenticator.minimum_password_length = 8",
                "c.NativeAuthenticator.check_common_password = True");
    }

    @Test
    void githubGoogleAndGeneric() throws Exception {
        String github =
                hubConfig(Files.readString(Path.of("../common/src/test/resources/config-examples/github-oauth.yaml")));
        assertHas(
                github,
                "c.JupyterHub.authenticator_class = \"oauthenticator.github.GitHubOAuthenticator\"",
                "c.GitHubOAuthenticator.client_id = \"Iv1.0123456789abcdef\"",
                "c.GitHubOAuthenticator.client_secret = \"replace-with-the-client-secret-from-github\"",
                "c.GitHubOAuthenticator.oauth_callback_url = \"https://hub.example.org/hub/oauth_callback\"",
                "c.GitHubOAuthenticator.allowed_organizations = set([\"example-university-cs101\"])",
                "c.Authenticator.allow_all = False");
        String google = """
                auth:
                  type: google
                  client_id: "1234.apps.googleusercontent.com"
                  client_secret: s3cret
                  oauth_callback_url: https://hub.example.org/hub/oauth_callback
                  hosted_domain: [school.example.org]
                """;
        assertHas(
                hubConfig(google),
                "c.JupyterHub.authenticator_class = \"oauthenticator.google.GoogleOAuthenticator\"",
                "c.GoogleOAuthenticator.hosted_domain = [\"school.example.org\"]",
                "c.Authenticator.allow_all = True");
        assertHas(hubConfig(google + "users: {allowed: [ada]}\n"), "c.Authenticator.allow_all = False");
        String generic = """
                auth:
                  type: generic
                  client_id: hub
                  client_secret: s3cret
                  oauth_callback_url: https://hub.example.org/hub/oauth_callback
                  authorize_url: https://login.example.org/authorize
                  token_url: https://login.example.org/token
                  userdata_url: https://login.example.org/userinfo
                """;
        assertHas(
                hubConfig(generic),
                "c.JupyterHub.authenticator_class = \"oauthenticator.generic.GenericOAuthenticator\"",
                "c.GenericOAuthenticator.authorize_url = \"https://login.example.org/authorize\"",
                "c.GenericOAuthenticator.token_url = \"https://login.example.org/token\"",
                "c.GenericOAuthenticator.userdata_url = \"https://login.example.org/userinfo\"",
                "c.GenericOAuthenticator.username_claim = \"preferred_username\"",
                "c.GenericOAuthenticator.scope = [\"openid\", \"profile\"]",
                "c.Authenticator.allow_all = True");
        assertHas(
                hubConfig(generic + "  username_claim: email\n  scope: [openid, email]\nusers: {allowed: [ada]}\n"),
                "c.GenericOAuthenticator.username_claim = \"email\"",
                "c.GenericOAuthenticator.scope = [\"openid\", \"email\"]",
                "c.Authenticator.allow_all = False");
    }

    @Test
    void ldap() throws Exception {
        String groups = hubConfig(Files.readString(Path.of("../common/src/test/resources/config-examples/ldap.yaml")));
        assertHas(
                groups,
                "c.JupyterHub.authenticator_class = \"ldapauthenticator.LDAPAuthenticator\"",
                "c.LDAPAuthenticator.server_address = \"ldap.school.example.org\"",
                "c.LDAPAuthenticator.server_port = 389",
                "c.LDAPAuthenticator.tls_strategy = \"before_bind\"",
                "c.LDAPAuthenticator.bind_dn_template = [\"uid={username},ou=students,dc=school,dc=example,dc=org\", "
                        + "\"uid={username},ou=staff,dc=school,dc=example,dc=org\"]",
                "c.LDAPAuthenticator.allowed_groups = [\"cn=cs-class,ou=groups,dc=school,dc=example,dc=org\"]",
                "c.LDAPAuthenticator.valid_username_regex = USERNAME_PATTERN",
                "c.Authenticator.allow_all = False",
                "c.JupyterHub.bind_url = \"http://:80/jupyter/\"");
        String lookup = hubConfig("""
                auth:
                  type: ldap
                  server_address: ldap.example.org
                  tls_strategy: on_connect
                  lookup_dn: true
                  user_search_base: ou=people,dc=example,dc=org
                  user_attribute: uid
                  lookup_dn_search_user: cn=reader,dc=example,dc=org
                  lookup_dn_search_password: 'se\\cret'
                """);
        assertHas(
                lookup,
                "c.LDAPAuthenticator.lookup_dn = True",
                "c.LDAPAuthenticator.user_search_base = \"ou=people,dc=example,dc=org\"",
                "c.LDAPAuthenticator.user_attribute = \"uid\"",
                "c.LDAPAuthenticator.lookup_dn_search_user = \"cn=reader,dc=example,dc=org\"",
                "c.LDAPAuthenticator.lookup_dn_search_password = \"se\\\\cret\"",
                "c.LDAPAuthenticator.tls_strategy = \"on_connect\"",
                "c.LDAPAuthenticator.allowed_groups = []",
                "c.Authenticator.allow_all = True");
        assertTrue(!lookup.contains("bind_dn_template =") && !lookup.contains("server_port ="), lookup);
        assertHas(
                hubConfig("auth: {type: ldap, server_address: x, bind_dn_template: \"uid={username},dc=x\"}\n"),
                "c.LDAPAuthenticator.bind_dn_template = \"uid={username},dc=x\"");
    }

    @Test
    void perUserLimitsReplaceOnlyWhatTheySay(@TempDir Path dir) throws Exception {
        String config = hubConfig("""
                limits:
                  memory: 1G
                  cpu: 0.5
                  users:
                    ada: {memory: 4G, cpu: 2}
                    bob: {memory: 2G}
                    cy: {cpu: 1.5, tasks: 2048}
                    dee: {memory: null}
                """);
        String out = python(dir, config, """
                import ast, sys
                tree = ast.parse(open(sys.argv[1]).read())
                node = [n for n in tree.body if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == 'LIMITS_BY_USER'][0]
                print(sorted(eval(compile(ast.Expression(node.value), 'x', 'eval')).items()))
                """);
        assertEquals(
                "[('ada', {'mem_limit': '4G', 'cpu_limit': 2.0, 'tasks': 512}), ('bob', {'mem_limit': '2G', 'cpu_limit': 0.5, 'tasks': 512}), "
                        + "('cy', {'mem_limit': '1G', 'cpu_limit': 1.5, 'tasks': 2048}), ('dee', {'mem_limit': None, 'cpu_limit': 0.5, 'tasks': 512})]",
                out);
        assertHas(config, "TASKS_LIMIT = 512");
        assertHas(hubConfig(""), "LIMITS_BY_USER = {", "}");
    }

    @Test
    void baseUrlReachesHubProxyAndHealthCheck() {
        Playbook book = render("base_url: /jupyter/\n");
        assertHas(file(book, HUB_CONFIG), "c.JupyterHub.bind_url = \"http://:80/jupyter/\"");
        assertHas(
                hubConfig("http: {address: 10.0.0.5, port: 8000}\n"),
                "c.JupyterHub.bind_url = \"http://10.0.0.5:8000/\"");
        assertTrue(file(book, "/etc/systemd/system/littlehub-proxy.service")
                .contains("--error-target=http://127.0.0.1:8081/jupyter/hub/error"));
        assertTrue(book.handlers().stream()
                .anyMatch(t -> t.operation() instanceof HttpCheck h
                        && h.url().equals("http://127.0.0.1:80/jupyter/hub/health")));
        assertTrue(file(render(""), "/etc/systemd/system/littlehub-proxy.service")
                .contains("--error-target=http://127.0.0.1:8081/hub/error"));
    }

    @Test
    void theHubIsWaitedForWhileItsUnitsRunUpToTenMinutes() {
        assertTrue(render("").handlers().stream()
                .anyMatch(t -> t.name().equals("hub answers")
                        && t.operation()
                                .equals(new HttpCheck(
                                        "http://127.0.0.1:80/hub/health",
                                        200,
                                        90,
                                        List.of("jupyterhub", "littlehub-proxy"),
                                        600))));
    }

    private static final String HTTPS_ON = """
            http: {port: 8080}
            https:
              enabled: true
              port: 8443
              domains: [hub.example.org, jupyter.example.org]
              letsencrypt: {email: teacher@example.org}
              acme: {directory: "https://acme.school.org/dir", ca_root: /etc/littlehub/school-ca.pem}
            """;

    @Test
    void httpsPutsCaddyInFrontAndTheProxyBehindIt() {
        Playbook book = render(HTTPS_ON);
        List<String> names = book.tasks().stream().map(Task::name).toList();
        int mask = names.indexOf("Caddy package's own caddy.service masked (littlehub runs its own unit)");
        int install = names.indexOf("HTTPS front package (Caddy)");
        int flush = names.indexOf("Restarts owed so far (the proxy leaves the public port)");
        int front = names.indexOf("HTTPS front running");
        assertTrue(
                mask >= 0 && mask < install && names.indexOf("Proxy unit") < flush && flush < front, names.toString());
        assertEquals(
                List.of(
                        "reload isolation",
                        "restart proxy",
                        "restart hub",
                        "restart ssh",
                        "restart https",
                        "hub answers",
                        "https answers"),
                book.handlers().stream().map(Task::name).toList());
        assertContains(
                file(book, "/etc/systemd/system/littlehub-proxy.service"),
                "--ip=127.0.0.1 --port=8000 --no-x-forward ");
        assertTrue(book.handlers().stream()
                .anyMatch(t ->
                        t.operation() instanceof HttpCheck h && h.url().equals("http://127.0.0.1:8000/hub/health")));
        assertTrue(book.handlers().stream()
                .anyMatch(t -> t.operation() instanceof HttpCheck h
                        && h.url().equals("http://127.0.0.1:8080/")
                        && h.status() == 308));
        String caddy = file(book, Layout.CADDYFILE);
        for (String line : List.of(
                "http_port 8080",
                "https_port 8443",
                "email teacher@example.org",
                "acme_ca https://acme.school.org/dir",
                "acme_ca_root /etc/littlehub/school-ca.pem",
                "hub.example.org, jupyter.example.org {",
                "reverse_proxy 127.0.0.1:8000",
                "protocols tls1.2 tls1.3",
                "redir https://{host}:8443{uri} 308",
                "redir https://hub.example.org:8443{uri} 308",
                "default_sni hub.example.org",
                "https:// {")) {
            assertContains(caddy, line);
        }
        assertTrue(
                !file(book, "/etc/systemd/system/littlehub-https.service").contains("LoadCredential"),
                "ACME: no certificate files");
    }

    @Test
    void restoresFirstProvisionInstallsTheFrontButNeitherStartsNorRestartsIt() {
        Playbook held = new PlaybookLoader().load("provision", Model.build(HubConfig.load(HTTPS_ON), DEBIAN, true));
        List<String> names = held.tasks().stream().map(Task::name).toList();
        assertTrue(
                names.contains("HTTPS front package (Caddy)")
                        && names.contains("HTTPS front's state folder (ACME account, certificates)"),
                "Caddy's user exists for the restored files' owner: " + names);
        assertContains(file(held, Layout.CADDYFILE), "acme_ca https://acme.school.org/dir");
        List<Task> front = held.tasks().stream()
                .filter(t -> t.operation() instanceof io.littlehub.agent.ops.Service s
                        && s.name().equals(Layout.HTTPS_UNIT))
                .toList();
        assertEquals(
                List.of("HTTPS front stopped until the restore brings its account and certificates"),
                front.stream().map(Task::name).toList());
        assertTrue(
                front.get(0).operation() instanceof io.littlehub.agent.ops.Service s && !s.enabled() && !s.running(),
                "stopped and disabled: a Caddy on an empty state folder would ask the CA at once");
        assertTrue(
                held.tasks().stream().noneMatch(t -> t.notifies().contains("restart https")),
                "no changed file (a fresh VM's Caddyfile, unit) restarts, so starts, it");
    }

    @Test
    void anOwnCertificateIsPassedAsCredentialsAndNoAcmeIsConfigured() {
        Playbook book = render("""
                https:
                  enabled: true
                  domains: [hub.example.org]
                  letsencrypt: {email: teacher@example.org}
                  tls: {cert: /etc/littlehub/tls/hub.pem, key: /etc/littlehub/tls/hub.key}
                """);
        String caddy = file(book, Layout.CADDYFILE);
        assertContains(caddy, "tls {$CREDENTIALS_DIRECTORY}/cert {$CREDENTIALS_DIRECTORY}/key {");
        assertContains(caddy, "redir https://{host}{uri} 308");
        assertTrue(!caddy.contains("email ") && !caddy.contains("acme_ca"), caddy);
        String unit = file(book, "/etc/systemd/system/littlehub-https.service");
        assertContains(unit, "LoadCredential=cert:/etc/littlehub/tls/hub.pem");
        assertContains(unit, "LoadCredential=key:/etc/littlehub/tls/hub.key");
    }

    @Test
    void theAddressNameTurnsHttpsOnForTheAddresssNameAndHstsIsOptIn() {
        Playbook book = render("https: {address_name: sslip.io, public_address: 203.0.113.7}\n");
        assertTrue(
                book.tasks().stream().anyMatch(t -> t.name().equals("HTTPS front running")), "one key turns HTTPS on");
        String caddy = file(book, Layout.CADDYFILE);
        assertContains(caddy, "203-0-113-7.sslip.io {");
        assertContains(caddy, "redir https://203-0-113-7.sslip.io{uri} 308");
        assertTrue(!caddy.contains("Strict-Transport-Security"), "no HSTS unless asked for:\n" + caddy);
        assertContains(
                file(
                        render(
                                "https: {address_name: nip.io, public_address: 203.0.113.7, hsts: {enabled: true, max_age: 300}}\n"),
                        Layout.CADDYFILE),
                "header Strict-Transport-Security \"max-age=300\"");
        assertContains(
                file(
                        render(
                                "https: {enabled: true, domains: [hub.example.org], address_name: sslip.io, public_address: 203.0.113.7}\n"),
                        Layout.CADDYFILE),
                "hub.example.org, 203-0-113-7.sslip.io {");
    }

    @Test
    void cookiesAreSameSiteLaxAndSecureBehindHttps() {
        assertHas(hubConfig(""), "c.JupyterHub.tornado_settings.update({\"cookie_options\": {\"samesite\": \"Lax\"}})");
        assertHas(
                hubConfig(HTTPS_ON),
                "c.JupyterHub.tornado_settings.update({\"cookie_options\": {\"samesite\": \"Lax\", \"secure\": True}})");
    }

    @Test
    void stagingUsesLetsEncryptsStagingDirectory() {
        assertContains(
                file(
                        render("https: {enabled: true, domains: [hub.example.org], letsencrypt: {staging: true}}\n"),
                        Layout.CADDYFILE),
                "acme_ca https://acme-staging-v02.api.letsencrypt.org/directory");
    }

    @Test
    void httpsOffStopsTheFrontAndTheProxyKeepsThePublicPort() {
        Playbook book = render("");
        assertTrue(book.tasks().stream()
                .anyMatch(t -> t.name().equals("HTTPS front stopped (https.enabled is false)")
                        && t.operation() instanceof io.littlehub.agent.ops.Service s
                        && !s.enabled()
                        && !s.running()));
        assertTrue(book.tasks().stream().noneMatch(t -> t.type().equals("flush_handlers")));
        assertContains(file(book, "/etc/systemd/system/littlehub-proxy.service"), " --port=80 --api-ip");
    }

    @Test
    void aProxyStoppedOnPurposeIsInactiveNotFailed() {
        // configurable-http-proxy exits with 2 on SIGTERM (its bin script): a stop is then no failure, which the health
        // timer would start again.
        assertContains(file(render(""), "/etc/systemd/system/littlehub-proxy.service"), "\nSuccessExitStatus=2\n");
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "missing: " + part + "\n" + text);
    }

    @Test
    void cullerMaxAgeAndTheAgentService() {
        String config = hubConfig("services: {cull: {max_age: 28800, timeout: 600, every: 60}}\n");
        assertTrue(config.contains("\"--timeout=600\", \"--cull-every=60\", \"--max-age=28800\","), config);
        assertHas(
                config,
                "with open(\"/opt/littlehub/state/agent-api-token\") as _token_file:",
                "_services = [{\"name\": \"littlehub-agent\", \"api_token\": _agent_token, \"admin\": True}]",
                "        \"scopes\": [\"list:users\", \"read:users\", \"read:users:activity\", \"admin:users\", \"admin:servers\", \"read:servers\"],",
                "c.JupyterHub.services = _services",
                "c.JupyterHub.load_roles = _roles");
        assertTrue(!hubConfig("").contains("--max-age"));
        String off = hubConfig("services: {cull: {enabled: false}}\n");
        assertTrue(!off.contains("idle-culler\"") && off.contains("\"littlehub-agent\""), off);
    }

    @Test
    void adminsSudoAndTheirGroupIsExactlyTheAdmins() {
        Playbook book = render("users: {admin: [teacher, ada.lovelace@school.org], allowed: [sam]}\n");
        Group group = book.tasks().stream()
                .map(Task::operation)
                .filter(o -> o instanceof Group)
                .map(o -> (Group) o)
                .findFirst()
                .orElseThrow();
        assertEquals(
                new Group(
                        "littlehub-admins",
                        true,
                        List.of("jupyter-teacher", UnixNames.unixName("ada.lovelace@school.org"))),
                group);
        FileContent sudoers = book.tasks().stream()
                .map(Task::operation)
                .filter(o -> o instanceof FileContent f && f.path().equals("/etc/sudoers.d/littlehub-admins"))
                .map(o -> (FileContent) o)
                .findFirst()
                .orElseThrow();
        assertEquals("%littlehub-admins ALL=(ALL:ALL) NOPASSWD: ALL\n", sudoers.content());
        assertEquals(0440, sudoers.mode());
        assertTrue(book.tasks().stream()
                .anyMatch(t -> t.operation() instanceof Secret sec
                        && sec.path().equals("/opt/littlehub/state/agent-api-token")
                        && sec.mode() == 0600
                        && sec.bytes() == 24 // 48 characters: JupyterHub 6.1.0 refuses a token of 64
                        && sec.renewIfLonger()
                        && t.notifies().contains("restart hub")));
        assertEquals(
                new Group("littlehub-admins", true, List.of()),
                render("").tasks().stream()
                        .map(Task::operation)
                        .filter(o -> o instanceof Group)
                        .findFirst()
                        .orElseThrow());
    }

    /** The hub config's littlehub_unix_name (Python) and the agent's UnixNames (Java) give the same unix names. */
    @Test
    void unixNamesAgreeWithTheHubConfig(@TempDir Path dir) throws Exception {
        List<String> names = List.of(
                "ada",
                "a",
                "07-student",
                "x_y-z",
                "a".repeat(23),
                "a".repeat(24),
                "ada.lovelace@school.org",
                "maximilian-alexander-one",
                "z".repeat(64),
                "a.b");
        String out = python(dir, hubConfig(""), """
                import ast, sys
                tree = ast.parse(open(sys.argv[1]).read())
                fn = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == 'littlehub_unix_name'][0]
                scope = {}
                exec('import hashlib, re\\n' + ast.unparse(fn), scope)
                for name in %s:
                    print(scope['littlehub_unix_name'](name))
                """.formatted(
                        names.stream().map(n -> "'" + n + "'").toList()));
        assertEquals(
                names.stream().map(UnixNames::unixName).toList(), out.lines().toList());
    }

    /** The metadata addresses are refused to people's accounts by a table of our own, reloaded when it changes. */
    @Test
    void cloudMetadataIsRefusedToPeoplesAccounts() {
        Playbook book = render("");
        String rules = file(book, "/etc/littlehub/isolation.nft");
        assertContains(rules, "table inet littlehub_isolation\ndelete table inet littlehub_isolation\n");
        assertContains(
                rules, "meta skuid >= 1000 ip daddr 169.254.169.254 counter reject with icmpx type admin-prohibited");
        assertContains(
                rules, "meta skuid >= 1000 ip6 daddr fd00:ec2::254 counter reject with icmpx type admin-prohibited");
        assertTrue(!rules.contains("flush ruleset"), "never other tables");
        String unit = file(book, "/etc/systemd/system/littlehub-isolation.service");
        assertContains(unit, "ExecStart=/usr/sbin/nft -f /etc/littlehub/isolation.nft");
        assertContains(unit, "Before=network-pre.target");
        assertTrue(
                book.tasks().stream()
                        .anyMatch(t -> t.name().startsWith("Cloud metadata rules loaded")
                                && t.operation() instanceof io.littlehub.agent.ops.Service),
                "started and enabled");
    }

    /**
     * A student's server gets the sandbox and an admin's does not; both get TasksMax and the properties every server
     * has; no swap only under a memory limit.
     */
    @Test
    void studentsAreSandboxedAndAdminsAreNot(@TempDir Path dir) throws Exception {
        String config = hubConfig("limits: {tasks: 100}\nuser_environment: {shared_scratch: true}\n");
        assertHas(
                config,
                "TASKS_LIMIT = 100",
                "c.Spawner.args = [\"--KernelManager.transport=ipc\"]",
                "STUDENT_WRITABLE = [\"/srv/scratch\"]",
                "STUDENT_READ_ONLY = [\"/run\"]",
                "    spawner.readonly_paths = [] if admin else list(STUDENT_READ_ONLY)");
        assertHas(hubConfig(""), "STUDENT_WRITABLE = []");
        String out = python(dir, config, """
                import ast, sys
                tree = ast.parse(open(sys.argv[1]).read())
                keep = [n for n in tree.body if (isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) in ('SERVER_PROPERTIES', 'STUDENT_PROPERTIES'))
                        or (isinstance(n, ast.FunctionDef) and n.name == 'littlehub_unit_properties')]
                scope = {}
                exec('\\n'.join(ast.unparse(n) for n in keep), scope)
                for admin, limited in ((False, True), (True, False)):
                    print(sorted(scope['littlehub_unit_properties'](admin, 100, limited).items()))
                """);
        assertEquals(
                List.of(
                        "[('BindPaths', '/home/jupyter-{USERNAME}'), ('MemorySwapMax', '0'), ('OOMPolicy', 'continue'), ('OOMScoreAdjust', '500'), ('PrivateIPC', 'yes'), "
                                + "('ProtectHome', 'tmpfs'), ('ProtectProc', 'invisible'), ('ProtectSystem', 'strict'), ('RemoveIPC', 'yes'), "
                                + "('RestrictSUIDSGID', 'yes'), ('TasksMax', '100'), ('TemporaryFileSystem', '/dev/shm:mode=1777,nosuid,nodev')]",
                        "[('OOMPolicy', 'continue'), ('OOMScoreAdjust', '500'), ('ProtectProc', 'invisible'), ('RemoveIPC', 'yes'), ('TasksMax', '100')]"),
                out.lines().toList());
    }

    /** Every auth type's config is valid Python (the real JupyterHub load is checked outside the unit tests). */
    @Test
    void everyAuthTypeIsValidPython(@TempDir Path dir) throws Exception {
        List<Path> configs;
        try (var files = Files.list(Path.of("../common/src/test/resources/config-examples"))) {
            configs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path yaml : configs) {
            assertEquals(
                    "ok",
                    python(
                            dir,
                            hubConfig(Files.readString(yaml)),
                            "import ast, sys; ast.parse(open(sys.argv[1]).read()); print('ok')"),
                    yaml.toString());
        }
    }

    /**
     * The sign-in page: JupyterHub's own page, extended by templates/login.html beside the hub config, with the
     * course's name and the guidance as template variables. Rendered here with Jinja2 as JupyterHub renders it (its
     * page under the "templates/" prefix, autoescape on), over a stand-in for JupyterHub's page: a course name with
     * HTML in it stays text.
     */
    @Test
    void signInPageNamesTheCourseAsTextAndSaysHowSigningInWorks(@TempDir Path dir) throws Exception {
        Playbook book = render("course: {name: 'Data 101 <script>alert(\"x\")</script> & co'}\n"
                + "auth: {min_password_length: 10}\n");
        String release = Layout.releaseDir(BuildInfo.version());
        String hint = "First time here? Choose your password now: at least 10 characters. "
                + "Your teacher's roster decides who may sign in.";
        assertHas(
                file(book, HUB_CONFIG),
                "LOGIN_TEMPLATES = os.path.join(\"" + release + "\", \"templates\")",
                "c.JupyterHub.template_paths = [LOGIN_TEMPLATES]",
                "c.JupyterHub.template_vars = {\"littlehub_course\": "
                        + "\"Data 101 <script>alert(\\\"x\\\")</script> & co\", "
                        + "\"littlehub_login_hint\": \"" + hint + "\"}");
        String page = file(book, release + "/templates/login.html");
        assertTrue(page.startsWith("{% extends \"templates/login.html\" %}"), "the stock page, extended: " + page);
        Assumptions.assumeTrue(
                new ProcessBuilder("python3", "-c", "import jinja2").start().waitFor() == 0,
                "skipped: python3 has no jinja2");
        Files.createDirectories(dir.resolve("stock"));
        Files.writeString(
                dir.resolve("stock/login.html"),
                "<main>{% block login_container %}<form id=stock></form>{% endblock login_container %}</main>");
        Files.createDirectories(dir.resolve("ours"));
        Files.writeString(dir.resolve("ours/login.html"), page);
        String html = python(dir, file(book, HUB_CONFIG), """
                import jinja2, os, sys
                line = [l for l in open(sys.argv[1]) if l.startswith('c.JupyterHub.template_vars = ')][0]
                template_vars = eval(line.split(' = ', 1)[1])
                base = os.path.dirname(sys.argv[1])
                loader = jinja2.ChoiceLoader([
                    jinja2.PrefixLoader({'templates': jinja2.FileSystemLoader(os.path.join(base, 'stock'))}),
                    jinja2.FileSystemLoader(os.path.join(base, 'ours'))])
                page = jinja2.Environment(loader=loader, autoescape=True).get_template('login.html')
                print(page.render(**template_vars))
                """).replaceAll("\\s+", " ");
        assertTrue(
                html.contains("<h2 id=\"littlehub-course\">"
                        + "Data 101 &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co</h2>"),
                html);
        assertTrue(
                html.contains("<p id=\"littlehub-login-hint\" class=\"lead\">" + hint.replace("'", "&#39;") + "</p>"),
                html);
        assertTrue(html.contains("<form id=stock></form>"), "JupyterHub's own form follows: " + html);
        assertTrue(!html.contains("<script>"), html);
        String plain = python(
                dir, hubConfig(""), "import sys; print([l for l in open(sys.argv[1]) if 'template_vars' in l][0])");
        assertTrue(plain.contains("{\"littlehub_course\": \"\", "), "no course by default: " + plain);
    }

    @Test
    void jupyterLabAsksNoNewsQuestionUnlessTheConfigSaysSo() {
        String path = "/etc/jupyter/labconfig/page_config.json";
        assertEquals(
                "{\"disabledExtensions\": {\"@jupyterlab/apputils-extension:announcements\": true}}\n",
                file(render(""), path));
        assertEquals(
                "{\"disabledExtensions\": {\"@jupyterlab/apputils-extension:announcements\": false}}\n",
                file(render("user_environment: {jupyterlab_news: true}\n"), path));
    }

    /** The memory indicator reads MEM_LIMIT, set by JupyterHub from mem_limit (the pre-spawn hook sets it per user). */
    @Test
    void theMemoryIndicatorIsInstalledAndAStudentsOwnLimitIsTheirServersMemLimit() {
        assertTrue(
                Model.versions().get("user") instanceof Map<?, ?> user && user.containsKey("jupyter-resource-usage"));
        assertHas(
                hubConfig("limits: {memory: 1G, users: {ada: {memory: 512M}}}\n"),
                "c.SystemdSpawner.mem_limit = \"1G\"",
                "    \"ada\": {\"mem_limit\": \"512M\", \"cpu_limit\": float(1), \"tasks\": 512},",
                "        spawner.mem_limit = LIMITS_BY_USER[name][\"mem_limit\"]");
    }

    /**
     * The class-start limits the hub computes at its start (littlehub_class_limits in the rendered config, run by
     * Python): 5 spawns per core; as many servers as fit in memory less 1 GiB at a third of limits.memory each.
     */
    @Test
    void classStartLimitsFollowCoresMemoryAndLimitsMemory(@TempDir Path dir) throws Exception {
        String config = hubConfig("");
        assertHas(
                config,
                "c.JupyterHub.concurrent_spawn_limit, c.JupyterHub.active_server_limit = littlehub_class_limits(",
                "    os.cpu_count() or 1, _littlehub_memory_bytes(), \"auto\", \"auto\",",
                "    \"1G\")");
        String out = python(dir, config, """
                import ast, sys
                tree = ast.parse(open(sys.argv[1]).read())
                names = {'SIZE_UNITS', 'SYSTEM_RESERVE_BYTES', 'littlehub_size_bytes', 'littlehub_class_limits'}
                keep = [n for n in tree.body if (isinstance(n, ast.FunctionDef) and n.name in names)
                        or (isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) in names)]
                exec(compile(ast.Module(keep, []), 'config', 'exec'))
                G = 1 << 30
                for args in [(2, 24 * G, 'auto', 'auto', '1G'), (2, 24 * G, 'auto', 'auto', '512M'),
                             (4, 4 * G, 'auto', 'auto', '1.5G'), (1, 1 * G, 'auto', 'auto', '2G'),
                             (2, 24 * G, 'auto', 'auto', None), (2, 24 * G, 'auto', 'auto', 1073741824),
                             (2, 24 * G, 3, 0, '1G'), (8, 24 * G, 'auto', 40, '1G')]:
                    print(littlehub_class_limits(*args))
                """);
        assertEquals(
                String.join(
                        "\n",
                        "(10, 69)",
                        "(10, 138)",
                        "(20, 6)",
                        "(5, 1)",
                        "(10, 0)",
                        "(10, 69)",
                        "(3, 0)",
                        "(40, 40)"),
                out);
        assertHas(
                hubConfig("limits: {spawns_at_once: 4, active_servers: 0, memory: null}\n"),
                "    os.cpu_count() or 1, _littlehub_memory_bytes(), 4, 0,",
                "    None)");
    }

    /**
     * The hub unit runs JupyterHub through the current release's littlehub_hub.py (its process ends once JupyterHub
     * has stopped), installed with the release; a change to it restarts the hub.
     */
    @Test
    void theHubRunsThroughItsLauncher() {
        Playbook book = render("");
        assertHas(
                file(book, "/etc/systemd/system/jupyterhub.service"),
                "ExecStart=/opt/littlehub/current/hub/bin/python /opt/littlehub/current/littlehub_hub.py"
                        + " --config=/opt/littlehub/current/jupyterhub_config.py --upgrade-db");
        // Journal lines still say jupyterhub, not python.
        assertHas(file(book, "/etc/systemd/system/jupyterhub.service"), "SyslogIdentifier=jupyterhub");
        assertTrue(restartingFiles(book).containsKey(Layout.releaseDir(BuildInfo.version()) + "/littlehub_hub.py"));
    }

    /**
     * The hub and the proxy get CPU weight over the students' servers, which share one slice (100 together);
     * limits.hub_cpu_weight changes it.
     */
    @Test
    void hubAndProxyHaveCpuWeight() {
        for (String unit : List.of("jupyterhub.service", "littlehub-proxy.service")) {
            assertHas(file(render(""), "/etc/systemd/system/" + unit), "CPUWeight=1000");
            assertHas(file(render("limits: {hub_cpu_weight: 250}\n"), "/etc/systemd/system/" + unit), "CPUWeight=250");
        }
        assertHas(hubConfig(""), "c.SystemdSpawner.slice = \"system-students.slice\"");
    }

    /** Students' servers do not load jupyter_lsp unless the config says otherwise (system-wide, kept by env rebuild). */
    @Test
    void languageServerExtensionIsOffByDefault() {
        String path = "/etc/jupyter/jupyter_server_config.json";
        assertEquals(
                "{\"ServerApp\": {\"tornado_settings\": {\"xsrf_cookie_kwargs\": {\"samesite\": \"Lax\"}}, "
                        + "\"jpserver_extensions\": {\"jupyter_lsp\": false}}}\n",
                file(render(""), path));
        assertTrue(file(render("user_environment: {disabled_server_extensions: []}\n"), path)
                .contains("\"jpserver_extensions\": {}"));
        assertTrue(file(render("user_environment: {disabled_server_extensions: [jupyter_lsp, nbgitpuller]}\n"), path)
                .contains("{\"jupyter_lsp\": false, \"nbgitpuller\": false}"));
    }

    /** The operations of some tasks, by type: what a stretch of the playbook installs or builds. */
    private static List<String> ops(List<Task> tasks) {
        return tasks.stream()
                .map(t -> t.operation().getClass().getSimpleName() + " " + installs(t))
                .toList();
    }

    private static String installs(Task t) {
        if (t.operation() instanceof AptPackages apt) {
            return apt.packages().toString();
        }
        if (t.operation() instanceof PipPackages pip) {
            return pip.venv();
        }
        return t.operation() instanceof Venv venv ? venv.path() : "";
    }

    /**
     * Issue 20: the hub's and the users' environments and the Node.js side (the rest of the system packages, npm, the
     * proxy) build at the same time; what each branch needs (Python, venv, the CA certificates, uv) comes before the
     * group, what needs a branch's work (acl for group_access, the users' environment) after it.
     */
    @Test
    void theEnvironmentsAndTheProxyBuildAtTheSameTimeAfterWhatTheyNeed() {
        Playbook book = render("");
        List<Task> top = book.tasks();
        List<Task> groups =
                top.stream().filter(t -> t.type().equals(Task.PARALLEL)).toList();
        assertEquals(1, groups.size());
        int at = top.indexOf(groups.get(0));
        String hubVenv = Layout.releaseDir(BuildInfo.version()) + "/hub";
        assertEquals(
                Map.of(
                        "hub environment", List.of("Venv " + hubVenv, "PipPackages " + hubVenv),
                        "users' environment", List.of("Venv " + Layout.USER_VENV, "PipPackages " + Layout.USER_VENV),
                        "Node.js and the proxy",
                                List.of("AptPackages [nodejs, curl, git, sqlite3, acl]", "Tarball ", "NpmPackages ")),
                groups.get(0).branches().stream()
                        .collect(java.util.stream.Collectors.toMap(Task.Branch::name, b -> ops(b.tasks()))));
        List<String> before = ops(
                top.subList(0, at).stream().filter(t -> t.operation() != null).toList());
        assertEquals("AptPackages [python3, python3-venv, ca-certificates, sudo, nftables]", before.get(0));
        assertTrue(before.contains("PipPackages " + Layout.TOOLS_DIR + "/uv"), "uv is there first: " + before);
        List<Task> after = top.subList(at + 1, top.size());
        assertTrue(
                after.stream()
                        .anyMatch(t -> t.operation() instanceof GroupAccess g
                                && g.path().equals(Layout.USER_VENV)),
                "setfacl comes with acl, in the group");
    }
}
