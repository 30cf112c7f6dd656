package io.littlehub.cli.hubconfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/** Who a config change is made by, as other teachers waiting for the lock see it: {@code $USER@laptop-hostname}. */
public final class LockOwner {
    private LockOwner() {}

    public static String of(Map<String, String> env) {
        String user = env.getOrDefault("USER", "");
        if (user.isBlank()) {
            user = System.getProperty("user.name", "someone");
        }
        return user + "@" + hostName(env);
    }

    private static String hostName(Map<String, String> env) {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            if (h != null && !h.isBlank()) {
                return h;
            }
        } catch (UnknownHostException e) {
            // Fall through to the environment.
        }
        return env.getOrDefault("HOSTNAME", "laptop");
    }
}
