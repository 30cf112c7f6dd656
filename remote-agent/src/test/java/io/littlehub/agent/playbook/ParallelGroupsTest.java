package io.littlehub.agent.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A playbook's {@code parallel:} groups as the loader reads them, and what it refuses to run at the same time. */
class ParallelGroupsTest {
    private static Playbook read(String tasks) {
        return new PlaybookLoader().parse("test", "name: test\ntasks:\n" + tasks, Map.of());
    }

    /** A branch, to indent under its group's {@code parallel:} key. */
    private static final String HUB_BRANCH = """
            - name: hub
              tasks:
                - name: Hub environment
                  venv: {path: /opt/hub}
                - name: Hub packages
                  pip: {venv: /opt/hub, packages: {jupyterhub: "5.3.0"}}
                  notify: [restart hub]
            """;

    /** The hub branch as the first branch of a group's list. */
    private static final String BRANCH = HUB_BRANCH.indent(6);

    /** A branch that installs Debian packages, in a group's list. */
    private static final String NODE_BRANCH = """
            - name: system
              tasks:
                - name: Node.js
                  apt: {packages: [nodejs]}
            """.indent(6);

    @Test
    void aGroupReadsAsNamedBranchesOfTasksInOrder() {
        Playbook book = read("""
                  - name: Python for the environments
                    apt: {packages: [python3-venv]}
                  - name: Built at the same time
                    parallel:
                """ + BRANCH + NODE_BRANCH + """
                  - name: After
                    directory: {path: /srv}
                """);
        assertEquals(
                List.of("Python for the environments", "Built at the same time", "After"),
                book.tasks().stream().map(Task::name).toList());
        Task group = book.tasks().get(1);
        assertEquals(Task.PARALLEL, group.type());
        assertEquals(
                List.of("hub", "system"),
                group.branches().stream().map(Task.Branch::name).toList());
        assertEquals(
                List.of("restart hub"), group.branches().get(0).tasks().get(1).notifies());
        assertEquals(
                List.of("Python for the environments", "Hub environment", "Hub packages", "Node.js", "After"),
                book.allTasks().stream().map(Task::name).toList(),
                "playbook order, the group's tasks branch by branch: their events' indexes");
    }

    private static String refused(String tasks) {
        return assertThrows(PlaybookError.class, () -> read(tasks)).getMessage();
    }

    @Test
    void debianPackagesInTwoBranchesAreRefusedDpkgInstallsOneAtATime() {
        String message = refused("""
                  - name: Built at the same time
                    parallel:
                """ + NODE_BRANCH + """
                      - name: front
                        tasks:
                          - name: Caddy
                            apt: {packages: [caddy]}
                """);
        assertTrue(
                message.contains("'Node.js' and 'Caddy' install Debian packages in different branches")
                        && message.contains("put them in one branch"),
                message);
    }

    @Test
    void handlersAndGroupsStayOutsideBranches() {
        String flush = refused("""
                  - name: Built at the same time
                    parallel:
                """ + BRANCH + """
                      - name: restarts
                        tasks:
                          - name: Restarts owed so far
                            flush_handlers: {}
                """);
        assertTrue(
                flush.contains("'Restarts owed so far'") && flush.contains("flush_handlers belongs before or after"),
                flush);
        String nested = refused("""
                  - name: Outer
                    parallel:
                """ + BRANCH + """
                      - name: inner
                        tasks:
                          - name: Inner
                            parallel:
                """ + HUB_BRANCH.indent(14)
                + HUB_BRANCH.replace("hub", "users").indent(14));
        assertTrue(nested.contains("'Inner'") && nested.contains("parallel belongs before or after"), nested);
    }

    @Test
    void aMalformedGroupSaysWhatAGroupIs() {
        String one = refused("""
                  - name: Alone
                    parallel:
                """ + BRANCH);
        assertTrue(one.contains("'Alone'") && one.contains("two or more branches"), one);
        String empty = refused("""
                  - name: Empty branch
                    parallel:
                """ + BRANCH + """
                      - name: nothing
                        tasks: []
                """);
        assertTrue(empty.contains("at least one task, found {name=nothing, tasks=[]}"), empty);
        String notify = refused("""
                  - name: Notifying
                    notify: [restart hub]
                    parallel:
                """ + BRANCH + BRANCH);
        assertTrue(notify.contains("a parallel group notifies nothing"), notify);
    }
}
