package io.littlehub.agent.userenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreezeTest {
    private static final Freeze BEFORE = Freeze.parse("""
            ipykernel==7.4.0
            jupyterlab==4.6.6
            numpy==1.26.4
            pip==23.2.1
            six==1.16.0
            """);

    @Test
    void readsFreezeLinesByNormalizedName() {
        Freeze f = Freeze.parse(
                "Jinja2==3.1.4\nzope.interface==7.0\nmypkg @ file:///tmp/mypkg-1.0.whl\n-e git+https://x/y.git@abc#egg=Thing_One\n\n# a comment\n");
        assertEquals(
                Set.of("jinja2", "zope-interface", "mypkg", "thing-one"),
                f.lines().keySet());
        assertEquals("mypkg @ file:///tmp/mypkg-1.0.whl", f.lines().get("mypkg"));
        assertTrue(f.has("jinja2"));
    }

    @Test
    void aRollbackUninstallsWhatWasNotThereBefore() {
        Freeze after = Freeze.parse(
                "ipykernel==7.4.0\njupyterlab==4.6.6\nnumpy==2.1.0\npip==23.2.1\nsix==1.16.0\nrequests==2.32.3\ncertifi==2024.8.30\n");
        assertEquals(
                List.of("certifi", "requests"),
                after.addedSince(BEFORE),
                "numpy changed version: pip install -r puts it back, no uninstall");
        assertEquals(List.of(), BEFORE.addedSince(after));
    }

    @Test
    void comparesAndSummarizesChanges() {
        Freeze after =
                Freeze.parse("ipykernel==7.4.0\njupyterlab==4.6.6\nnumpy==2.1.0\npip==23.2.1\nrequests==2.32.3\n");
        assertFalse(after.sameAs(BEFORE));
        assertTrue(
                Freeze.parse(BEFORE.text() + "# pip check: something\n").sameAs(BEFORE), "comments are not packages");
        assertEquals("numpy==1.26.4 → numpy==2.1.0, +requests==2.32.3, -six", after.changesSince(BEFORE, 8));
        assertEquals("numpy==1.26.4 → numpy==2.1.0 and 2 more", after.changesSince(BEFORE, 1));
        assertEquals("no change", BEFORE.changesSince(BEFORE, 8));
    }

    @Test
    void textIsARequirementsFile() {
        assertEquals("ipykernel==7.4.0\njupyterlab==4.6.6\nnumpy==1.26.4\npip==23.2.1\nsix==1.16.0\n", BEFORE.text());
        assertEquals("", Freeze.parse("").text());
    }
}
