package io.littlehub.agent.config;

import io.littlehub.common.config.AddressName;
import io.littlehub.common.config.ConfigEdit;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills in {@code https.public_address} when {@code https.address_name} is set without it: the address this VM
 * reaches the internet from (the source address of its default route; {@code ip route get} only looks the route
 * up, nothing is sent). On clouds with 1:1 NAT (AWS, Google Cloud, Azure) that address is private: refused, naming
 * the key to set.
 */
public final class PublicAddress {
    private final Machine machine;

    public PublicAddress(Machine machine) {
        this.machine = machine;
    }

    /**
     * {@code configText} with the address written in, or as it is when nothing is missing — or when the text cannot be
     * read as a config at all: then the validator, which runs next, says where and why.
     */
    public String complete(String configText) {
        Object section;
        try {
            section = HubConfig.load(configText).get("https");
        } catch (RuntimeException unreadable) {
            return configText;
        }
        if (!(section instanceof Map<?, ?> https)
                || !(https.get("address_name") instanceof String service)
                || service.isEmpty()
                || https.get("public_address") instanceof String a && !a.isEmpty()) {
            return configText;
        }
        String address = detect().orElseThrow(() -> new IllegalArgumentException("https.address_name: this VM has no"
                + " IPv4 default route, so its public address is unknown: set it with"
                + " `littlehub config set https.public_address ADDRESS` (the address you ssh to)"));
        if (AddressName.isPrivate(address)) {
            throw new IllegalArgumentException("https.address_name: this VM reaches the internet from " + address
                    + ", a private address no certificate authority can reach (the cloud translates it): set the public"
                    + " one with `littlehub config set https.public_address ADDRESS` (the address you ssh to)");
        }
        return ConfigEdit.put(configText, "https.public_address", address);
    }

    /** "1.1.1.1 via 203.0.113.1 dev eth0 src 203.0.113.7 uid 0": the word after "src". */
    Optional<String> detect() {
        CommandResult r = machine.run(List.of("ip", "-4", "route", "get", "1.1.1.1"));
        if (!r.ok()) {
            return Optional.empty();
        }
        List<String> words = List.of(r.stdout().strip().split("\\s+"));
        int src = words.indexOf("src");
        return src >= 0 && src + 1 < words.size() ? Optional.of(words.get(src + 1)) : Optional.empty();
    }
}
