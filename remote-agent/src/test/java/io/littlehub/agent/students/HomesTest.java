package io.littlehub.agent.students;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.FakeMachine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HomesTest {
    @Test
    void theWholeClassInOneGetentAndOneDu() {
        FakeMachine vm = new FakeMachine()
                .answer(
                        List.of("getent", "passwd"),
                        // grace has no unix user yet (no server started): getent prints the others, exits 2.
                        new CommandResult(
                                2,
                                "jupyter-ada:x:1001:1001::/home/jupyter-ada:/bin/bash\n"
                                        + "jupyter-alan:x:1002:1002::/home/jupyter-alan:/bin/bash\n",
                                ""))
                .answer(
                        List.of("du", "-sb"),
                        // alan's home is gone: du reports the rest and exits 1.
                        new CommandResult(1, "40960\t/home/jupyter-ada\n", "du: cannot access '/home/jupyter-alan'\n"));
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("grace", -1L);
        expected.put("ada", 40960L);
        expected.put("alan", -1L);
        assertEquals(expected, new Homes(vm).sizes(List.of("grace", "ada", "alan")));
        assertEquals(
                List.of(
                        List.of("getent", "passwd", "jupyter-ada", "jupyter-alan", "jupyter-grace"),
                        List.of("du", "-sb", "--", "/home/jupyter-ada", "/home/jupyter-alan")),
                vm.ran());
    }

    @Test
    void noStudentsRunsNothing() {
        // getent passwd without a name would list every user of the VM.
        FakeMachine vm = new FakeMachine();
        assertEquals(Map.of(), new Homes(vm).sizes(List.of()));
        assertEquals(List.of(), vm.ran());
    }

    @Test
    void noUnixUserYetRunsNoDu() {
        FakeMachine vm = new FakeMachine().answer(List.of("getent", "passwd"), FakeMachine.fails(2, ""));
        assertEquals(Map.of("ada", -1L), new Homes(vm).sizes(List.of("ada")));
        assertEquals(List.of(List.of("getent", "passwd", "jupyter-ada")), vm.ran());
    }
}
