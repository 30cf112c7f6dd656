package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostPatternsTest {
    @Test
    void wildcards() {
        assertTrue(HostPatterns.matches("vm1.example.org", List.of("*.example.org")));
        assertTrue(HostPatterns.matches("vm1", List.of("vm?")));
        assertFalse(HostPatterns.matches("vm12", List.of("vm?")));
        assertTrue(HostPatterns.matches("anything", List.of("*")));
        assertTrue(HostPatterns.matches("a.b.c", List.of("a*c")));
        assertFalse(HostPatterns.matches("a.b.d", List.of("a*c")));
        assertTrue(HostPatterns.matches("VM1.Example.ORG", List.of("vm1.example.org")), "case-insensitive");
    }

    @Test
    void anyOfSeveralPatterns() {
        assertTrue(HostPatterns.matches("beta", List.of("alpha", "beta")));
        assertFalse(HostPatterns.matches("gamma", List.of("alpha", "beta")));
    }

    @Test
    void negationRulesOut() {
        assertTrue(HostPatterns.matches("vm1.lab", List.of("*.lab", "!bastion.lab")));
        assertFalse(HostPatterns.matches("bastion.lab", List.of("*.lab", "!bastion.lab")));
        assertFalse(HostPatterns.matches("bastion.lab", List.of("!bastion.lab", "*.lab")), "order does not matter");
        assertFalse(HostPatterns.matches("other", List.of("!bastion.lab")), "a negation alone matches nothing");
    }
}
