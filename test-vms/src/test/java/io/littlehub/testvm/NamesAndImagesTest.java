package io.littlehub.testvm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesAndImagesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "web1", "hub-test-2", "0abc"})
    void acceptsShortLowercaseNames(String name) {
        assertDoesNotThrow(() -> TestVms.checkName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-x", "Web", "a b", "../x", "a;b", "$(id)", "abcdefghijabcdefghijabcdefghijab"})
    void refusesNamesThatCouldEscapeOrCollide(String name) {
        HarnessException e = assertThrows(HarnessException.class, () -> TestVms.checkName(name));
        assertTrue(e.getMessage().contains("lowercase letters"), e.getMessage());
    }

    @Test
    void unknownImageNamesTheChoices() {
        HarnessException e = assertThrows(HarnessException.class, () -> Distro.parse("ubuntu-24.04"));
        assertTrue(e.getMessage().contains("debian-12") && e.getMessage().contains("debian-13"), e.getMessage());
    }

    @Test
    void recipeHashIsStableAndDiffersPerRelease() {
        assertEquals(ImageBuilder.recipeHash(Distro.DEBIAN_12), ImageBuilder.recipeHash(Distro.DEBIAN_12));
        assertNotEquals(ImageBuilder.recipeHash(Distro.DEBIAN_12), ImageBuilder.recipeHash(Distro.DEBIAN_13));
        assertTrue(ImageBuilder.recipeHash(Distro.DEBIAN_12).matches("[0-9a-f]{12}"));
    }

    @Test
    void sourcesListCoversReleaseUpdatesAndSecurity() {
        String list = Mirrors.sourcesList("trixie");
        assertTrue(list.contains(" trixie main"), list);
        assertTrue(list.contains(" trixie-updates main"), list);
        assertTrue(list.contains("debian-security trixie-security main"), list);
    }

    @Test
    void nspawnNetworkNamesFitTheKernelLimit() {
        assertTrue(NspawnBackend.veth(250).length() <= 15);
        assertEquals("10.23.7.1", HostNat.hostAddress(7));
        assertEquals("10.23.7.2", HostNat.vmAddress(7));
    }
}
