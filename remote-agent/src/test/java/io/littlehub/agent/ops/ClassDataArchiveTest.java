package io.littlehub.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.littlehub.common.machine.FakeMachine;
import io.littlehub.common.machine.LocalMachine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's class-data archive: made once per jar, remade when the jar changed, left alone otherwise. */
class ClassDataArchiveTest {
    private static final String JAR = "/opt/littlehub/agent/littlehub-agent.jar";
    private static final ClassDataArchive OP = new ClassDataArchive(JAR, List.of("run", "provision", "--check"));
    private static final String HASH = LocalMachine.sha256("jar v2".getBytes(StandardCharsets.UTF_8));

    @Test
    void aMissingArchiveIsMadeByATrainingRunThenRenamedAndItsJarRecorded() {
        FakeMachine vm = new FakeMachine().file(JAR, "jar v2");
        List<Action> plan = OP.plan(OP.gather(vm));
        assertEquals(
                List.of(
                        new Action.Run(
                                "java -XX:ArchiveClassesAtExit=" + JAR + ".jsa -jar " + JAR,
                                List.of(
                                        "sh",
                                        "-c",
                                        "rm -f \"$1\"; a=$1; shift; \"$@\" >/dev/null 2>&1; [ -s \"$a\" ]",
                                        "sh",
                                        JAR + ".jsa.new",
                                        "java",
                                        "-XX:ArchiveClassesAtExit=" + JAR + ".jsa.new",
                                        "-jar",
                                        JAR,
                                        "run",
                                        "provision",
                                        "--check")),
                        new Action.Run(List.of("mv", "-T", JAR + ".jsa.new", JAR + ".jsa")),
                        new Action.WriteFile(JAR + ".jsa.sha256", HASH + "\n", "root", "root", 0644, false)),
                plan);
    }

    @Test
    void anArchiveOfThisJarIsLeftAlone() {
        FakeMachine vm = new FakeMachine()
                .file(JAR, "jar v2")
                .file(JAR + ".jsa", "archive")
                .file(JAR + ".jsa.sha256", HASH + "\n");
        assertEquals(List.of(), OP.plan(OP.gather(vm)));
    }

    @Test
    void anArchiveOfAnEarlierJarIsRemade() {
        FakeMachine vm = new FakeMachine()
                .file(JAR, "jar v2")
                .file(JAR + ".jsa", "archive")
                .file(JAR + ".jsa.sha256", LocalMachine.sha256("jar v1".getBytes(StandardCharsets.UTF_8)));
        List<Action> plan = OP.plan(OP.gather(vm));
        assertEquals(3, plan.size());
        assertEquals(new Action.Run(List.of("mv", "-T", JAR + ".jsa.new", JAR + ".jsa")), plan.get(1));
    }

    @Test
    void aMarkerWithoutItsArchiveIsRemade() {
        FakeMachine vm = new FakeMachine().file(JAR, "jar v2").file(JAR + ".jsa.sha256", HASH);
        assertEquals(3, OP.plan(OP.gather(vm)).size());
    }

    @Test
    void withoutItsJarTheTaskFailsNamingIt() {
        List<Action> plan = OP.plan(OP.gather(new FakeMachine()));
        assertEquals(1, plan.size());
        assertEquals(
                JAR + " is missing: the archive is made from it",
                assertInstanceOf(Action.Fail.class, plan.get(0)).describe());
    }
}
