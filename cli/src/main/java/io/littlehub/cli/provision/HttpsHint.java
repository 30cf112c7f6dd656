package io.littlehub.cli.provision;

import io.littlehub.common.config.AddressName;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code provision} prints for a hub served over plain HTTP: every password crosses the network in clear, and
 * HTTPS needs no domain of one's own ({@code https.address_name}). Pure: the hub's URL and SSH host in, lines out.
 */
final class HttpsHint {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HttpsHint() {}

    static List<String> lines(String url, String sshHost) {
        if (!url.startsWith("http://")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add("The hub speaks plain HTTP: passwords cross the network in clear."
                + " For HTTPS without a domain of your own:");
        out.add("  littlehub config set https.address_name sslip.io");
        if (IPV4.matcher(sshHost).matches() && !AddressName.isPrivate(sshHost)) {
            out.add("  (students then open https://" + AddressName.of("sslip.io", sshHost) + "/; if the VM does not"
                    + " know its public address, as on AWS: littlehub config set https.public_address " + sshHost
                    + " first)");
        }
        out.add("With a domain pointing at the VM (recommended): littlehub config set https.domains '[hub.school.org]',"
                + " then littlehub config set https.enabled true.");
        return out;
    }
}
