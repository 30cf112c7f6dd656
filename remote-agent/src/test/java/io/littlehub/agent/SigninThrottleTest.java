package io.littlehub.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hub's sign-in throttle (templates/littlehub_signin_throttle.py, pure Python) under its own unit tests
 * (src/test/python/test_littlehub_signin_throttle.py): lockouts per name and address, their growth, the client's
 * address behind the proxies. Also the hub's other pure modules: the live roster (test_littlehub_roster.py) and the
 * room check before a start (test_littlehub_capacity.py), what a restart does before the stop
 * (test_littlehub_prestart.py), and the hub's command, whose process ends once JupyterHub has stopped
 * (test_littlehub_hub.py).
 */
class SigninThrottleTest {
    @Test
    void pythonUnitTestsPass() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        "python3",
                        "-m",
                        "unittest",
                        "-v",
                        "test_littlehub_signin_throttle",
                        "test_littlehub_roster",
                        "test_littlehub_capacity",
                        "test_littlehub_prestart",
                        "test_littlehub_hub")
                .directory(Path.of("src", "test", "python").toFile())
                .redirectErrorStream(true);
        pb.environment()
                .put(
                        "PYTHONPATH",
                        Path.of("..", "templates").toAbsolutePath().normalize().toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("Ran 26 tests"), out);
    }
}
