package io.littlehub.cli.z2jh;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The users' environment as a container image recipe (pure): the recorded {@code pip freeze} as requirements, on the
 * Jupyter project's docker-stacks-foundation image of the same Python, plus the two system-wide Jupyter settings
 * littlehub writes on the VM ({@code /etc/jupyter}). Lines pip cannot install from PyPI (a local path, a URL, an
 * editable install) are left out and named.
 */
public record ImageRecipe(Map<String, String> files, List<String> leftOut, String tag) {
    /**
     * The Jupyter project's smallest image (conda's Python, the jovyan user, tini, start scripts, nothing else):
     * everything else comes from the freeze. A {@code python-X.Y} tag stops moving once that Python leaves their
     * builds; pin the digest after the first pull to be exact.
     */
    public static final String BASE = "quay.io/jupyter/docker-stacks-foundation";

    private static final Pattern PINNED = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*(\\[[^\\]]*])?==\\S+$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param freeze the users' environment's record ({@code pip freeze --all}, comments allowed)
     * @param python the environment's Python, like 3.11
     */
    public static ImageRecipe of(
            String freeze, String python, String source, List<String> disabledExtensions, boolean jupyterlabNews) {
        if (!python.matches("3\\.[0-9]+")) {
            throw new IllegalArgumentException("the users' environment's Python version '" + python
                    + "' is not like 3.11: is /opt/littlehub/user a working venv? (`littlehub doctor` checks it)");
        }
        List<String> kept = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (String raw : freeze.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            (PINNED.matcher(line).matches() ? kept : leftOut).add(line);
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("the users' environment's record lists no package: is the hub"
                    + " provisioned? (`littlehub env freeze` shows it)");
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "requirements.txt",
                "# The users' environment of the littlehub hub (" + source + "), pinned as recorded.\n"
                        + String.join("\n", kept) + "\n");
        files.put("jupyter_server_config.json", json(serverConfig(disabledExtensions)));
        files.put(
                "page_config.json",
                json(Map.of(
                        "disabledExtensions",
                        Map.of("@jupyterlab/apputils-extension:announcements", !jupyterlabNews))));
        files.put(
                "Dockerfile",
                String.join(
                        "\n",
                        "# The users' environment of the littlehub hub for the Zero to JupyterHub chart: the same"
                                + " packages (requirements.txt,",
                        "# from " + source + ") on the Jupyter project's smallest image with the same Python.",
                        "# Build and push where the cluster can pull it (the name values.yaml names):",
                        "#   docker build -t IMAGE:TAG . && docker push IMAGE:TAG",
                        "FROM " + BASE + ":python-" + python,
                        "COPY --chown=${NB_UID}:${NB_GID} requirements.txt /tmp/requirements.txt",
                        "RUN pip install --no-cache-dir --requirement /tmp/requirements.txt && \\",
                        "    fix-permissions \"${CONDA_DIR}\" && fix-permissions \"/home/${NB_USER}\"",
                        "USER root",
                        "# As on the VM: the server's cookies SameSite=Lax, the disabled server extensions, JupyterLab's news.",
                        "COPY jupyter_server_config.json /etc/jupyter/jupyter_server_config.json",
                        "COPY page_config.json /etc/jupyter/labconfig/page_config.json",
                        "USER ${NB_UID}",
                        ""));
        return new ImageRecipe(files, leftOut, tag(files));
    }

    private static Map<String, Object> serverConfig(List<String> disabledExtensions) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        disabledExtensions.forEach(x -> extensions.put(x, false));
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("tornado_settings", Map.of("xsrf_cookie_kwargs", Map.of("samesite", "Lax")));
        server.put("jpserver_extensions", extensions);
        return Map.of("ServerApp", server);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tag from the recipe's content: the same environment gets the same tag. */
    private static String tag(Map<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, text) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(text.getBytes(StandardCharsets.UTF_8));
            });
            return "env-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
