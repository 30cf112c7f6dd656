package io.littlehub.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsSupportTest {
    private static Facts facts(String id, String version, String name) {
        return new Facts(id, version, name, "amd64", 2L << 30, 20L << 30, 252);
    }

    @ParameterizedTest
    @CsvSource({
        "debian,12,openjdk-17-jre-headless",
        "debian,13,openjdk-21-jre-headless",
        "ubuntu,24.04,openjdk-21-jre-headless"
    })
    void supportedReleasesGetTheirJava(String id, String version, String java) {
        OsSupport.Verdict v = OsSupport.check(facts(id, version, id + " " + version));
        assertTrue(v.supported(), v.problems().toString());
        assertEquals(java, v.javaPackage());
    }

    @Test
    void otherSystemsAreRefusedWithWhatToUseInstead() {
        OsSupport.Verdict v = OsSupport.check(facts("centos", "7", "CentOS Linux 7"));
        assertFalse(v.supported());
        assertTrue(v.problems().get(0).contains("CentOS Linux 7 is not supported")
                && v.problems().get(0).contains("Debian 12"));
    }

    @Test
    void ubuntu2204IsRefusedWithTheReason() {
        OsSupport.Verdict v = OsSupport.check(facts("ubuntu", "22.04", "Ubuntu 22.04.5 LTS"));
        assertFalse(v.supported());
        assertTrue(
                v.problems().get(0).contains("Python 3.10")
                        && v.problems().get(0).contains("Ubuntu 24.04"),
                v.problems().toString());
    }

    @Test
    void tooSmallMachinesAreRefusedWithTheFix() {
        OsSupport.Verdict v =
                OsSupport.check(new Facts("debian", "12", "Debian 12", "amd64", 512L << 20, 1L << 30, 252));
        assertEquals(2, v.problems().size());
        assertTrue(
                v.problems().get(0).contains("512 MB") && v.problems().get(1).contains("grow the disk"),
                v.problems().toString());
    }
}
