package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpsHintTest {
    @Test
    void aPlainHttpHubIsOfferedTheAddresssNameWithTheNameStudentsWouldOpen() {
        List<String> lines = HttpsHint.lines("http://203.0.113.7/", "203.0.113.7");
        assertTrue(lines.contains("  littlehub config set https.address_name sslip.io"), lines.toString());
        assertTrue(String.join("\n", lines).contains("https://203-0-113-7.sslip.io/"), lines.toString());
        assertTrue(
                String.join("\n", lines).contains("littlehub config set https.public_address 203.0.113.7"),
                lines.toString());
    }

    @Test
    void aNameOrAPrivateAddressGetsNoNameAndAnHttpsHubNoHint() {
        assertTrue(HttpsHint.lines("http://hub.local/", "hub.local").stream().noneMatch(l -> l.contains("sslip.io/")));
        assertTrue(HttpsHint.lines("http://10.0.0.5/", "10.0.0.5").stream().noneMatch(l -> l.contains("sslip.io/")));
        assertEquals(List.of(), HttpsHint.lines("https://hub.school.org/", "203.0.113.7"));
    }
}
