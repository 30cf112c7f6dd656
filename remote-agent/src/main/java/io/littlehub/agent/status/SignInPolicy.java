package io.littlehub.agent.status;

import java.util.Map;

/** Who may sign in, as {@code status} and {@code doctor} tell it, from the config (over the defaults). Pure. */
public final class SignInPolicy {
    static final String OPEN_OVER_HTTP = "open sign-up over plain HTTP: anyone who finds this hub can create an "
            + "account, and every password crosses the network unencrypted";
    public static final String FIX =
            "`littlehub config set users.open_signup false` (only the roster signs in), " + "or turn on HTTPS";

    private SignInPolicy() {}

    public static HubStatus.SignIn of(Map<String, Object> config) {
        Map<?, ?> users = config.get("users") instanceof Map<?, ?> u ? u : Map.of();
        Map<?, ?> https = config.get("https") instanceof Map<?, ?> h ? h : Map.of();
        Map<?, ?> auth = config.get("auth") instanceof Map<?, ?> a ? a : Map.of();
        boolean open = Boolean.TRUE.equals(users.get("open_signup"));
        String type = String.valueOf(auth.get("type") == null ? "firstuse" : auth.get("type"));
        String warning = open && !Boolean.TRUE.equals(https.get("enabled")) ? OPEN_OVER_HTTP : null;
        return new HubStatus.SignIn(type, open, warning);
    }
}
