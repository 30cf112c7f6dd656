package io.littlehub.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.config.AddressName;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.machine.FakeMachine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressNameTest {
    @Test
    void theNameIsTheDashedAddressUnderTheService() {
        assertEquals("203-0-113-7.sslip.io", AddressName.of("sslip.io", "203.0.113.7"));
        assertEquals("198-51-100-254.nip.io", AddressName.of("nip.io", "198.51.100.254"));
        assertThrows(IllegalArgumentException.class, () -> AddressName.of("sslip.io", "2001:db8::1"));
    }

    @Test
    void privateAddressesAreThoseNoCaCanReach() {
        List<String> unreachable = List.of(
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "100.64.0.1",
                "127.0.0.1",
                "169.254.169.254");
        for (String a : unreachable) {
            assertTrue(AddressName.isPrivate(a), a);
        }
        for (String a : List.of("203.0.113.7", "172.32.0.1", "100.128.0.1", "8.8.8.8")) {
            assertFalse(AddressName.isPrivate(a), a);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOneKeyTurnsHttpsOnWithTheNameAfterTheSchoolsDomains() {
        String both = "https: {address_name: sslip.io, public_address: 203.0.113.7, domains: [hub.example.org]}\n";
        Map<String, Object> https = (Map<String, Object>) HubConfig.load(both).get("https");
        assertEquals(true, https.get("enabled"));
        assertEquals(List.of("hub.example.org", "203-0-113-7.sslip.io"), https.get("domains"));
        Map<String, Object> unknown = (Map<String, Object>)
                HubConfig.load("https: {address_name: sslip.io}\n").get("https");
        assertEquals(false, unknown.get("enabled"), "without an address (not applied yet) nothing changes");
    }

    @Test
    void theAddressIsFoundOnTheVmAndAPrivateOneIsRefusedNamingTheKey() {
        FakeMachine publicVm = route("1.1.1.1 via 203.0.113.1 dev eth0 src 203.0.113.7 uid 0\n    cache \n");
        PublicAddress onPublicVm = new PublicAddress(publicVm);
        assertTrue(onPublicVm.complete("https: {address_name: sslip.io}\n").contains("public_address: 203.0.113.7"));
        assertEquals("http: {port: 80}\n", onPublicVm.complete("http: {port: 80}\n"), "no address name: unchanged");
        String given = "https: {address_name: sslip.io, public_address: 198.51.100.9}\n";
        assertEquals(given, onPublicVm.complete(given), "an address in the config is the teacher's word");
        for (String broken : List.of("users: [ada\n", "https: 5\n", "- a list\n")) {
            assertEquals(broken, onPublicVm.complete(broken), "a config it cannot read is left to the validator");
        }

        assertTrue(publicVm.ran().stream().allMatch(ROUTE::equals), "only `ip route get` runs: " + publicVm.ran());
        PublicAddress behindNat = new PublicAddress(route("1.1.1.1 via 10.0.0.1 dev ens5 src 10.0.0.12 uid 0\n"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> behindNat.complete("https: {address_name: nip.io}\n"));
        assertTrue(
                e.getMessage().contains("10.0.0.12")
                        && e.getMessage().contains("littlehub config set https.public_address"),
                e.getMessage());
    }

    private static final List<String> ROUTE = List.of("ip", "-4", "route", "get", "1.1.1.1");

    /** A machine whose only program is `ip route get`, answering {@code output}. */
    private static FakeMachine route(String output) {
        return new FakeMachine().answer(ROUTE, FakeMachine.ok(output));
    }
}
