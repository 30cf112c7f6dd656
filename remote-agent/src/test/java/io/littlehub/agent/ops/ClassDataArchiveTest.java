package io.littlehub.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.littlehub.common.machine.FakeMachine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent's class-data archive: made once per jar and JVM, remade when the jar's size or modification time (what the
 * JVM checks) or the JVM changed, left alone otherwise.
 */
class ClassDataArchiveTest {
    private static final String JAR = "/opt/littlehub/agent/littlehub-agent.jar";
    private static final ClassDataArchive OP = new ClassDataArchive(JAR, List.of("run", "provision", "--check"));
    private static final String JVM = Runtime.version().toString();

    /** The marker this JVM writes for the jar as it is on {@code vm}. */
    private static String stampOf(FakeMachine vm, String jvm) {
        return ClassDataArchive.stamp(vm.stamp(JAR).orElseThrow(), jvm);
    }

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
                        new Action.WriteFile(
                                JAR + ".jsa.stamp",
                                "size=6 modified=2023-11-14T22:13:21Z jvm=" + JVM + "\n",
                                "root",
                                "root",
                                0644,
                                false)),
                plan);
    }

    @Test
    void anArchiveOfThisJarAndJvmIsLeftAlone() {
        FakeMachine vm = new FakeMachine().file(JAR, "jar v2").file(JAR + ".jsa", "archive");
        vm.file(JAR + ".jsa.stamp", stampOf(vm, JVM) + "\n");
        assertEquals(List.of(), OP.plan(OP.gather(vm)));
    }

    @Test
    void aJarWrittenAgainIsRemadeEvenWithTheSameBytesSinceTheJvmGoesByItsTime() {
        FakeMachine vm = new FakeMachine().file(JAR, "jar v2").file(JAR + ".jsa", "archive");
        vm.file(JAR + ".jsa.stamp", stampOf(vm, JVM) + "\n");
        vm.file(JAR, "jar v2");
        List<Action> plan = OP.plan(OP.gather(vm));
        assertEquals(3, plan.size());
        assertEquals(new Action.Run(List.of("mv", "-T", JAR + ".jsa.new", JAR + ".jsa")), plan.get(1));
    }

    @Test
    void anArchiveOfAnotherJvmIsRemade() {
        FakeMachine vm = new FakeMachine().file(JAR, "jar v2").file(JAR + ".jsa", "archive");
        vm.file(JAR + ".jsa.stamp", stampOf(vm, "17.0.1+12-Debian-1") + "\n");
        assertEquals(3, OP.plan(OP.gather(vm)).size());
    }

    @Test
    void aMarkerWithoutItsArchiveIsRemade() {
        FakeMachine vm = new FakeMachine().file(JAR, "jar v2");
        vm.file(JAR + ".jsa.stamp", stampOf(vm, JVM));
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
