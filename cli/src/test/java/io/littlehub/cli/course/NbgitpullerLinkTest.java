package io.littlehub.cli.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Links as nbgitpuller's generator writes them, and the folder its handler clones into. */
class NbgitpullerLinkTest {
    private static final String HUB = "https://hub.example.org/";

    @Test
    void aRepositoryInJupyterLab() {
        assertEquals(
                "https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fteacher%2Fnotes"
                        + "&urlpath=lab%2Ftree%2Fnotes",
                NbgitpullerLink.of(HUB, "https://github.com/teacher/notes", null, null, NbgitpullerLink.App.LAB));
    }

    @Test
    void aBranchAndANotebookWithSpacesUnderABaseUrl() {
        assertEquals(
                "http://203.0.113.7/jupyter/hub/user-redirect/git-pull?repo=http%3A%2F%2Fgit.school.org%2Fdata.git"
                        + "&urlpath=lab%2Ftree%2Fdata.git%2Fweek+1%2Fintro+%C3%A9.ipynb&branch=fall%2F2026",
                NbgitpullerLink.of(
                        "http://203.0.113.7/jupyter/",
                        "http://git.school.org/data.git",
                        "fall/2026",
                        "/week 1/intro é.ipynb",
                        NbgitpullerLink.App.LAB));
    }

    @Test
    void notebookOpensNotebooksAndFoldersAsItsHandlerDoes() {
        assertEquals(
                "https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Ft%2Fn%2F"
                        + "&urlpath=notebooks%2Fn%2Fa.ipynb",
                NbgitpullerLink.of(HUB, "https://github.com/t/n/", null, "a.ipynb", NbgitpullerLink.App.NOTEBOOK));
        assertEquals(
                "https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Ft%2Fn"
                        + "&urlpath=tree%2Fn%2Fweek1",
                NbgitpullerLink.of(HUB, "https://github.com/t/n", null, "week1/", NbgitpullerLink.App.NOTEBOOK));
    }

    @Test
    void anAddressThatIsNotHttpIsRefusedNamingTheFix() {
        for (String bad : new String[] {"git@github.com:t/n.git", "ssh://github.com/t/n", "file:///srv/n", "n"}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> NbgitpullerLink.of(HUB, bad, null, null, NbgitpullerLink.App.LAB));
            assertEquals(
                    "REPO-URL " + bad + " is not an http(s) address: students' servers clone it with nbgitpuller over"
                            + " HTTP(S); use the repository's https:// address, like"
                            + " https://github.com/teacher/course-notes",
                    e.getMessage());
        }
        assertEquals(
                "REPO-URL https://github.com/ names no repository: add its path, like"
                        + " https://github.com/teacher/course-notes",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> NbgitpullerLink.of(
                                        HUB, "https://github.com/", null, null, NbgitpullerLink.App.LAB))
                        .getMessage());
    }

    @Test
    void aPathOutOfTheRepositoryOrAnEmptyBranchIsRefused() {
        assertEquals(
                "--path ../secret leaves the repository: give a file or folder inside it, like"
                        + " --path week1/intro.ipynb",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> NbgitpullerLink.of(
                                        HUB, "https://github.com/t/n", null, "../secret", NbgitpullerLink.App.LAB))
                        .getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> NbgitpullerLink.of(HUB, "https://github.com/t/n", " ", null, NbgitpullerLink.App.LAB));
    }
}
