package io.littlehub.common.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JupyterHub's "busy" answer to a server start (HTTP 429: {@code concurrent_spawn_limit} servers are starting, or
 * {@code active_server_limit} run) read as a student's browser would: how long to pause before asking again, and the
 * hub's words. The pause is the {@code Retry-After} header's seconds, else the "try again in N seconds" of the message,
 * else {@link #FALLBACK}; always between {@link #SHORTEST} and {@link #LONGEST}, so a strange answer neither hammers
 * the hub nor stalls the student.
 *
 * @param message the hub's first sentence ("Too many users trying to log in right now"), the same for every student
 *     it turned away for the same cause, so failures group by it
 */
public record BusyHub(Duration pause, String message) {
    public static final Duration SHORTEST = Duration.ofSeconds(1);
    public static final Duration LONGEST = Duration.ofSeconds(60);
    /** active_server_limit's answer names no time ("Try again in a few minutes"). */
    public static final Duration FALLBACK = Duration.ofSeconds(10);
    /** How the failure of a start the hub kept refusing as busy begins (the verdict's fix recognises it). */
    public static final String STILL_BUSY = "the hub was still busy (429: ";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IN_SO_LONG = Pattern.compile(
            "(?:try again|retry) in (\\d+)\\s*(s\\b|sec|seconds?|min|minutes?)", Pattern.CASE_INSENSITIVE);

    /** {@code retryAfter}: the header's value, if any; {@code body}: the API's JSON error (or any text). */
    public static BusyHub of(Optional<String> retryAfter, String body) {
        String text = message(body);
        Duration named =
                retryAfter.flatMap(BusyHub::seconds).or(() -> inText(text)).orElse(FALLBACK);
        Duration pause = named.compareTo(SHORTEST) < 0 ? SHORTEST : named.compareTo(LONGEST) > 0 ? LONGEST : named;
        int stop = text.indexOf(". ");
        return new BusyHub(pause, (stop > 0 ? text.substring(0, stop) : text).strip());
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.strip())));
        } catch (NumberFormatException httpDate) {
            // An HTTP date (JupyterHub sends seconds): the message or the fallback decides.
            return Optional.empty();
        }
    }

    private static Optional<Duration> inText(String text) {
        Matcher m = IN_SO_LONG.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(
                m.group(2).toLowerCase(Locale.ROOT).startsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n));
    }

    /** The API's {@code {"status": 429, "message": "…"}}, or the body itself when it is not that. */
    private static String message(String body) {
        String text = body == null ? "" : body.strip();
        if (text.startsWith("{")) {
            try {
                String m = JSON.readTree(text).path("message").asText("");
                if (!m.isBlank()) {
                    return m;
                }
            } catch (IOException notJson) {
                // Shown as it is.
            }
        }
        return text.isEmpty() ? "the hub is busy" : text;
    }
}
