package io.littlehub.agent.ops;

import io.littlehub.common.machine.Machine;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;

/** A health check: the URL must answer with the expected status within the timeout. Changes nothing. */
public record HttpCheck(String url, int status, int timeoutSeconds) implements Operation<Integer> {
    @Override
    public Integer gather(Machine machine) {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        int last = -1;
        while (true) {
            last = status(url);
            if (last == status || System.currentTimeMillis() > deadline) {
                return last;
            }
            try {
                // Often: a restarted hub's first answer ends an upgrade's wait (the step after it starts sooner).
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
    }

    /** The URL's HTTP status, or -1 when nothing answered (refused, timed out). */
    public static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            c.setInstanceFollowRedirects(false);
            return c.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public List<Action> plan(Integer got) {
        if (got == status) {
            return List.of();
        }
        return List.of(new Action.Fail(url + " answered " + (got < 0 ? "nothing" : "HTTP " + got) + " within "
                + timeoutSeconds + " s, expected " + status
                + ": see `journalctl -u jupyterhub -u littlehub-proxy` on the VM (or `littlehub logs`)"));
    }
}
