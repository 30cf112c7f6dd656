package io.littlehub.common.students;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnixNamesTest {
    // Vectors computed with the hub config's Python (littlehub_unix_name): the two must agree.
    @Test
    void plainNamesMapToThemselves() {
        assertEquals("jupyter-ada", UnixNames.unixName("ada"));
        assertEquals("jupyter-ada-singleuser", UnixNames.unitName("ada"));
        assertEquals("jupyter-" + "a".repeat(23), UnixNames.unixName("a".repeat(23)));
    }

    @Test
    void longOrUnusualNamesGetAHashSuffix() {
        assertEquals("jupyter-ada-lovelace-sch-f0ffbef", UnixNames.unixName("ada.lovelace@school.org"));
        assertEquals("jupyter-abcdefghijklmnop-93b0cab", UnixNames.unixName("abcdefghijklmnopqrstuvwx"));
        assertEquals("jupyter-abcdefghijklmnop-93b0cab-singleuser", UnixNames.unitName("abcdefghijklmnopqrstuvwx"));
    }

    @Test
    void namesThatShareAPrefixStayApartAndFitUseradd() {
        String a = UnixNames.unixName("maximilian-alexander-one");
        String b = UnixNames.unixName("maximilian-alexander-two");
        assertNotEquals(a, b);
        assertTrue(UnixNames.unixName("x".repeat(64)).length() <= 32);
        // A plain name can never look like a hashed one: plain parts are at most 23 characters, hashed ones 24.
        assertEquals(24, b.length() - "jupyter-".length());
    }
}
