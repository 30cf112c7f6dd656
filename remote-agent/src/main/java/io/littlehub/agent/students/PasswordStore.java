package io.littlehub.agent.students;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FirstUse's password database (one bcrypt hash per hub user in {@link Layout#FIRSTUSE_PASSWORDS}), written by the
 * teacher instead of by a first sign-in: an admin's password set at provision, passwords issued to students. The hub's
 * own Python does the work (its bcrypt, its dbm format); names and passwords travel as JSON on stdin, never in argv
 * (which every user on the VM can read in /proc).
 */
public final class PasswordStore {
    /** What {@link #store} did for one name. */
    public enum Outcome {
        SET,
        KEPT
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORED = String.join(
            "\n",
            "import dbm, json, sys",
            "req = json.load(sys.stdin)",
            "try:",
            "    db = dbm.open(req['path'], 'r')",
            "except dbm.error:",
            "    print(json.dumps({n: False for n in req['names']})); sys.exit(0)",
            "with db:",
            "    print(json.dumps({n: n.encode('utf-8') in db for n in req['names']}))");
    // umask: a new database is root's alone (FirstUse opens it with mode 0600 too).
    private static final String STORE = String.join(
            "\n",
            "import bcrypt, dbm, json, os, sys",
            "req = json.load(sys.stdin)",
            "os.umask(0o077)",
            "out = {}",
            "with dbm.open(req['path'], 'c', 0o600) as db:",
            "    for name, password in req['passwords'].items():",
            "        key = name.encode('utf-8')",
            "        if req['if_unset'] and key in db:",
            "            out[name] = 'KEPT'",
            "            continue",
            "        db[key] = bcrypt.hashpw(password.encode('utf-8'), bcrypt.gensalt())",
            "        out[name] = 'SET'",
            "print(json.dumps(out))");

    private final Machine machine;

    public PasswordStore(Machine machine) {
        this.machine = machine;
    }

    /** For each name: does it have a password (so that nobody can choose one at a first sign-in)? */
    public Map<String, Boolean> stored(Collection<String> names) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("path", Layout.FIRSTUSE_PASSWORDS);
        req.put("names", List.copyOf(names));
        return python(STORED, req, new TypeReference<>() {});
    }

    /**
     * Stores a bcrypt hash of each password; with {@code ifUnset}, a name that has a password keeps it. The caller has
     * checked names and passwords (see {@code PasswordsCommand}).
     */
    public Map<String, Outcome> store(Map<String, String> passwords, boolean ifUnset) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("path", Layout.FIRSTUSE_PASSWORDS);
        req.put("passwords", passwords);
        req.put("if_unset", ifUnset);
        return python(STORE, req, new TypeReference<>() {});
    }

    private <T> T python(String code, Map<String, Object> request, TypeReference<T> answer) {
        try {
            CommandResult r =
                    machine.run(List.of(Layout.HUB_VENV + "/bin/python3", "-c", code), JSON.writeValueAsBytes(request));
            if (!r.ok()) {
                throw new IllegalStateException("could not use the password database " + Layout.FIRSTUSE_PASSWORDS
                        + ": " + r.stderr().strip());
            }
            return JSON.readValue(r.stdout(), answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
