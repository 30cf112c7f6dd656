package io.littlehub.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code https.address_name}: HTTPS without a domain of one's own. A public wildcard-DNS service answers
 * {@code 203-0-113-7.sslip.io} with 203.0.113.7, so the VM's public address has a name an ACME CA can validate over
 * HTTP-01 like any other. The dashed form (not {@code 203.0.113.7.sslip.io}) keeps the name one label under the
 * service, as both services document for certificates. Pure: the address comes from the config.
 */
public final class AddressName {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private AddressName() {}

    /** The name of {@code ipv4} under {@code service}, like 203-0-113-7.sslip.io. */
    public static String of(String service, String ipv4) {
        if (!IPV4.matcher(ipv4).matches()) {
            throw new IllegalArgumentException(ipv4 + " is not an IPv4 address");
        }
        return ipv4.replace('.', '-') + "." + service;
    }

    /**
     * Addresses no one on the internet can reach (RFC 1918, shared 100.64/10, loopback, link-local, this-network):
     * a certificate authority could not validate a name that points there.
     */
    public static boolean isPrivate(String ipv4) {
        var m = IPV4.matcher(ipv4);
        if (!m.matches()) {
            throw new IllegalArgumentException(ipv4 + " is not an IPv4 address");
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        return a == 10
                || a == 127
                || a == 0
                || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168)
                || (a == 169 && b == 254)
                || (a == 100 && b >= 64 && b <= 127);
    }

    /**
     * The effective config: with {@code https.address_name} and a known {@code https.public_address}, HTTPS is on
     * and the address's name is the last of {@code https.domains} (a domain of the school's own stays the first, the
     * one plain HTTP redirects to). Without either, the config is returned as it is.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> apply(Map<String, Object> config) {
        if (!(config.get("https") instanceof Map<?, ?> https)
                || !(https.get("address_name") instanceof String service)
                || service.isEmpty()
                || !(https.get("public_address") instanceof String address)
                || address.isEmpty()) {
            return config;
        }
        Map<String, Object> on = new LinkedHashMap<>((Map<String, Object>) https);
        List<Object> domains = new ArrayList<>(on.get("domains") instanceof List<?> l ? l : List.of());
        String name = of(service, address);
        if (!domains.contains(name)) {
            domains.add(name);
        }
        on.put("enabled", true);
        on.put("domains", domains);
        Map<String, Object> out = new LinkedHashMap<>(config);
        out.put("https", on);
        return out;
    }
}
