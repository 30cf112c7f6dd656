package io.littlehub.agent.students;

import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.util.List;

/**
 * FirstUse sign-in keeps one bcrypt hash per user in a dbm file; forgetting it makes the student's next sign-in set a
 * new password, and the old one stops working. The hub's own Python does it, because dbm's format is whatever that
 * Python was built with; the name travels as an argument, never inside the code.
 */
public final class PasswordReset {
    private static final String FORGET = String.join(
            "\n",
            "import dbm, sys",
            "try:",
            "    db = dbm.open(sys.argv[1], 'w')",
            "except dbm.error:",
            "    print('none'); sys.exit(0)",
            "with db:",
            "    key = sys.argv[2].encode('utf-8')",
            "    if key in db:",
            "        del db[key]; print('reset')",
            "    else:",
            "        print('none')");

    private final Machine machine;

    public PasswordReset(Machine machine) {
        this.machine = machine;
    }

    /** True when a password was forgotten; false when the user had none yet (they have not signed in). */
    public boolean forget(String hubName) {
        CommandResult r = machine.run(
                List.of(Layout.HUB_VENV + "/bin/python3", "-c", FORGET, Layout.FIRSTUSE_PASSWORDS, hubName));
        if (!r.ok()) {
            throw new IllegalStateException("could not change the password database " + Layout.FIRSTUSE_PASSWORDS + ": "
                    + r.stderr().strip());
        }
        return r.stdout().strip().equals("reset");
    }
}
