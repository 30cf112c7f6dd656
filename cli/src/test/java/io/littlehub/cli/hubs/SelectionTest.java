package io.littlehub.cli.hubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {
    private static final Inventory INV = InventoryFile.parse("""
            groups: [autumn, spring]
            hubs:
              stats101: {host: a, groups: [autumn], labels: {course: stats, term: 2027s}}
              stats102: {host: b, groups: [spring], labels: {course: stats, term: 2027s}}
              bio202:   {host: c, groups: [autumn, spring], labels: {course: bio, term: 2027s}}
              chem1:    {host: d, labels: {course: chem, term: 2026f}}
            """, "hubs.yaml");

    @Test
    void allAGroupANameAPatternALabelAndAList() {
        assertEquals(List.of("stats101", "stats102", "bio202", "chem1"), select("all"));
        assertEquals(List.of("stats101", "stats102", "bio202", "chem1"), select("*"));
        assertEquals(List.of("stats101", "bio202"), select("autumn"));
        assertEquals(List.of("chem1"), select("chem1"));
        assertEquals(List.of("stats101", "stats102"), select("stats*"));
        assertEquals(List.of("stats101", "stats102"), select("~^stats\\d+$"));
        assertEquals(List.of("stats101", "stats102"), select("course=stats"));
        assertEquals(List.of("stats101", "chem1"), select("chem1,stats101"), "the inventory's order");
        assertEquals(List.of("stats101", "chem1"), select("chem1:stats101"), "Ansible's older separator");
    }

    @Test
    void exclusionAndIntersectionAsAnsiblesLimit() {
        assertEquals(List.of("stats101", "stats102", "chem1"), select("all,!bio202"));
        assertEquals(List.of("bio202"), select("autumn,&spring"));
        assertEquals(List.of("stats101"), select("autumn,!spring"));
        assertEquals(List.of("stats101", "stats102", "bio202"), select("term=2027s"));
        assertEquals(List.of("stats102", "bio202"), select("&spring"), "only an intersection: of all hubs");
    }

    @Test
    void aSelectionMatchingNothingSaysSoWithTheHubsAndGroups() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> select("physics*"));
        assertEquals(
                "--hubs physics* matches no hub (hubs: stats101, stats102, bio202, chem1; groups: autumn, spring);"
                        + " `littlehub hubs` lists them",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> select("all,!all"));
        assertEquals(
                "--hubs ~[: ~[ is not a regular expression (Unclosed character class)",
                assertThrows(IllegalArgumentException.class, () -> select("~[")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> select(" "));
    }

    private static List<String> select(String pattern) {
        return Selection.select(INV, pattern);
    }
}
