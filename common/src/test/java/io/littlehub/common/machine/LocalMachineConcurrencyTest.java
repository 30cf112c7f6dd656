package io.littlehub.common.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Programs run from several threads at once (a playbook's parallel branches): each gets its own output, whole. */
class LocalMachineConcurrencyTest {
    private static final int LINES = 2000;

    @Test
    void programsRunAtOnceKeepTheirOutputAndProgressLinesApart() throws Exception {
        LocalMachine machine = new LocalMachine();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> runs = new ArrayList<>();
            for (String tag : List.of("a", "b", "c", "d")) {
                Callable<String> run = () -> {
                    List<String> progress = new ArrayList<>();
                    // stdout and stderr both: the two pumps of one program hand lines to one progress consumer.
                    CommandResult r = machine.run(
                            List.of(
                                    "sh",
                                    "-c",
                                    "i=0; while [ $i -lt " + LINES + " ]; do i=$((i+1)); echo " + tag + "$i; echo "
                                            + tag + "-err$i >&2; done"),
                            line -> {
                                synchronized (progress) {
                                    progress.add(line);
                                }
                            });
                    assertEquals(expected(tag, ""), r.stdout(), tag + "'s stdout");
                    assertEquals(expected(tag, "-err"), r.stderr(), tag + "'s stderr");
                    assertEquals(2 * LINES, progress.size(), tag + "'s progress lines");
                    assertEquals(
                            List.of(),
                            progress.stream().filter(l -> !l.startsWith(tag)).toList(),
                            "only " + tag + "'s lines");
                    return tag;
                };
                runs.add(threads.submit(run));
            }
            for (Future<String> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static String expected(String tag, String stream) {
        return IntStream.rangeClosed(1, LINES)
                .mapToObj(i -> tag + stream + i + "\n")
                .collect(Collectors.joining());
    }
}
