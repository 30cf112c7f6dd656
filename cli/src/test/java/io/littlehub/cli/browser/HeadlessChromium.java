package io.littlehub.cli.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.websocket.JsonMessages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol (a websocket; no driver, no extra library):
 * enough for a test to act as a person in a browser — open pages, type, press keys, read the page, take screenshots.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private final Process process;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/chromium"));
    }

    public HeadlessChromium(Path profile) throws Exception {
        // The flags keep Chromium from calling home: this machine's network refuses everything but the test VMs.
        process = new ProcessBuilder(
                        "/usr/bin/chromium",
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-port=0",
                        "--window-size=1366,900",
                        "about:blank")
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String browserWs = null;
        long deadline = System.currentTimeMillis() + 30_000;
        StringBuilder seen = new StringBuilder();
        while (browserWs == null && System.currentTimeMillis() < deadline) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            seen.append(line).append('\n');
            Matcher m = DEVTOOLS.matcher(line);
            if (m.find()) {
                browserWs = m.group(1);
            }
        }
        if (browserWs == null) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium did not start:\n" + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // Chromium exited.
            }
        });
        drain.setDaemon(true);
        drain.start();
        URI base = URI.create(browserWs.replaceFirst("^ws", "http"));
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(
                        HttpRequest.newBuilder(URI.create("http://" + base.getAuthority() + "/json/list"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String pageWs = null;
        for (JsonNode t : JSON.readTree(list)) {
            if (t.path("type").asText().equals("page")) {
                pageWs = t.path("webSocketDebuggerUrl").asText();
            }
        }
        page = http.newWebSocketBuilder()
                .buildAsync(URI.create(pageWs), new JsonMessages(msg -> {
                    CompletableFuture<JsonNode> f =
                            msg.has("id") ? pending.remove(msg.get("id").asInt()) : null;
                    if (f != null) {
                        f.complete(msg);
                    }
                }))
                .get(30, TimeUnit.SECONDS);
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
    }

    public JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("id", id);
        msg.put("method", method);
        msg.put("params", params);
        page.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        JsonNode reply = f.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    public void open(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** Evaluates JavaScript in the page (awaiting a promise) and returns its value. */
    public JsonNode eval(String js) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", js, "returnByValue", true, "awaitPromise", true));
        return r.path("result").path("value");
    }

    public boolean waitFor(String jsCondition, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            try {
                if (eval("Boolean(" + jsCondition + ")").asBoolean()) {
                    return true;
                }
            } catch (IllegalStateException navigating) {
                // The page was being replaced; ask again.
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Clicks the middle of the first element matching {@code selector}, as a mouse would. */
    public void click(String selector) throws Exception {
        JsonNode box = eval("(() => { const r = document.querySelector(" + JSON.writeValueAsString(selector)
                + ").getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        for (String type : new String[] {"mousePressed", "mouseReleased"}) {
            call(
                    "Input.dispatchMouseEvent",
                    Map.of(
                            "type",
                            type,
                            "x",
                            box.get("x").asDouble(),
                            "y",
                            box.get("y").asDouble(),
                            "button",
                            "left",
                            "clickCount",
                            1));
        }
    }

    public void type(String text) throws Exception {
        call("Input.insertText", Map.of("text", text));
    }

    /** Presses a key such as Enter, with modifiers (Shift = 8). */
    public void press(String key, int code, int modifiers) throws Exception {
        for (String type : new String[] {"rawKeyDown", "keyUp"}) {
            call(
                    "Input.dispatchKeyEvent",
                    Map.of(
                            "type",
                            type,
                            "key",
                            key,
                            "code",
                            key,
                            "windowsVirtualKeyCode",
                            code,
                            "nativeVirtualKeyCode",
                            code,
                            "modifiers",
                            modifiers));
        }
    }

    public void screenshot(Path png) throws Exception {
        Files.createDirectories(png.getParent());
        Files.write(
                png,
                Base64.getDecoder()
                        .decode(call("Page.captureScreenshot", Map.of("format", "png"))
                                .path("data")
                                .asText()));
    }

    @Override
    public void close() {
        page.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
