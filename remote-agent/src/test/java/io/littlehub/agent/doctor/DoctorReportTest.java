package io.littlehub.agent.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code doctor --json}: one object, as scripts read it. */
class DoctorReportTest {
    @Test
    void oneObjectWithTheVerdictAndEveryFinding() throws Exception {
        Finding hub = Finding.ok("hub", "active since 09:12");
        Finding proxy = Finding.problem(
                "proxy", "inactive", "restart the proxy", List.of(List.of("systemctl", "restart", "littlehub-proxy")));
        Map<Finding, Boolean> fixed = new LinkedHashMap<>();
        fixed.put(proxy, true);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Doctor.onThisMachine()
                .report(List.of(hub, proxy), fixed, true, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String expected = "{'verdict':'1 problem, 1 fixed (run doctor again to check)','problems':1,'findings':["
                + "{'check':'hub','ok':true,'detail':'active since 09:12','fix':null,'safe_fix':[],'fixed':null},"
                + "{'check':'proxy','ok':false,'detail':'inactive','fix':'restart the proxy',"
                + "'safe_fix':['systemctl restart littlehub-proxy'],'fixed':true}]}\n";
        assertEquals(expected.replace('\'', '"'), buf.toString(StandardCharsets.UTF_8));
    }
}
