package io.littlehub.common.status;

import io.littlehub.common.config.Layout;
import io.littlehub.common.students.UnixNames;

/**
 * The hub's systemd units, named in one place for the two commands that look at them: {@code status} (their states)
 * and the laptop's {@code logs} (their journal).
 */
public final class HubUnits {
    public static final String HUB = "jupyterhub.service";
    public static final String PROXY = "littlehub-proxy.service";
    /** The HTTPS front (Caddy), with https.enabled. */
    public static final String HTTPS = Layout.HTTPS_UNIT;
    /** littlehub's timers (scheduled backups, and whatever comes later), as a systemctl pattern. */
    public static final String TIMERS = "littlehub-*.timer";

    private HubUnits() {}

    /** The unit of a hub user's server ({@code ada} → {@code jupyter-ada-singleuser.service}). */
    public static String studentServer(String hubName) {
        return UnixNames.unitName(hubName) + ".service";
    }
}
