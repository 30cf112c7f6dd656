package io.littlehub.agent.doctor;

import java.util.List;

/**
 * One check's verdict. A problem names what is wrong ({@code detail}) and what to do ({@code fix}); {@code safeFix}
 * holds the commands {@code doctor --fix} may run for it — only ones that cannot lose anyone's work (restart a unit,
 * stop a server nobody can reach, turn on time sync, trim the system journal). Empty: a person decides.
 */
public record Finding(String check, boolean ok, String detail, String fix, List<List<String>> safeFix) {
    static Finding ok(String check, String detail) {
        return new Finding(check, true, detail, null, List.of());
    }

    static Finding problem(String check, String detail, String fix, List<List<String>> safeFix) {
        return new Finding(check, false, detail, fix, safeFix);
    }
}
