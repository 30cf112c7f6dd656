package io.littlehub.cli.https;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A student's browser on HTTPS, played by curl: it resolves the hub's domain to the VM's address (as DNS would),
 * sends that name (SNI, Host), and trusts only the CA file it is given, so a wrong or missing certificate fails as it
 * would in a browser. Cookies are kept in a jar, like a browser's.
 */
final class CurlStudent {
    record Response(int exit, int status, String headers, String body) {
        String header(String name) {
            return headers.lines()
                    .filter(l -> l.toLowerCase().startsWith(name.toLowerCase() + ":"))
                    .map(l -> l.substring(name.length() + 1).strip())
                    .findFirst()
                    .orElse("");
        }
    }

    private final String domain;
    private final String address;
    private final Path trusted;
    private final Path jar;

    CurlStudent(String domain, String address, Path trusted, Path dir) throws IOException {
        this.domain = domain;
        this.address = address;
        this.trusted = trusted;
        this.jar = Files.createTempFile(dir, "cookies", ".txt");
    }

    Response get(String url, String... extra) throws Exception {
        return curl(url, extra);
    }

    /** Signs in through the login form; the response is the form's answer (302 to the home page when it worked). */
    Response signIn(String user, String password) throws Exception {
        get("https://" + domain + "/hub/login");
        String xsrf = Files.readAllLines(jar).stream()
                .filter(l -> l.contains("\t_xsrf\t"))
                .map(l -> l.substring(l.lastIndexOf('\t') + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the login page set no _xsrf cookie"));
        return curl(
                "https://" + domain + "/hub/login?next=/hub/home",
                "--data-urlencode",
                "username=" + user,
                "--data-urlencode",
                "password=" + password,
                "--data-urlencode",
                "_xsrf=" + xsrf);
    }

    /** The cookie jar's lines for {@code name}: domain, subdomains, path, secure (TRUE/FALSE), expiry, name, value. */
    List<String> cookie(String name) throws IOException {
        return Files.readAllLines(jar).stream()
                .filter(l -> l.contains("\t" + name + "\t"))
                .toList();
    }

    private Response curl(String url, String... extra) throws Exception {
        Path headers = Files.createTempFile(jar.getParent(), "headers", ".txt");
        List<String> argv = new ArrayList<>(List.of(
                "curl",
                "-sS",
                "--max-time",
                "30",
                "--resolve",
                domain + ":443:" + address,
                "--resolve",
                domain + ":80:" + address,
                "--cacert",
                trusted.toString(),
                "-c",
                jar.toString(),
                "-b",
                jar.toString(),
                "-D",
                headers.toString(),
                "-o",
                "-",
                "-w",
                "\n%{http_code}"));
        argv.addAll(List.of(extra));
        argv.add(url);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        int nl = out.lastIndexOf('\n');
        int status = exit == 0 ? Integer.parseInt(out.substring(nl + 1).strip()) : 0;
        return new Response(
                exit, status, Files.readString(headers), exit == 0 ? out.substring(0, Math.max(nl, 0)) : out);
    }
}
