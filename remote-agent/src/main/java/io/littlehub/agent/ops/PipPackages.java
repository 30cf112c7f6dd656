package io.littlehub.agent.ops;

import io.littlehub.common.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python packages pinned to exact versions in a venv, and packages kept out of it ({@code absent}: installed as some
 * package's optional dependency, they cost more than they give; pip accepts their removal, {@code pip check} too).
 *
 * <p>With {@code uv} (the path of uv's program) uv installs instead of the venv's pip: it resolves and unpacks several
 * times faster, and keeps its downloads in {@code cache}. The venv's own pip stays, for what people install by hand.
 * Files are copied out of the cache, never hard-linked: the users' environment is changed by admins (its ACL), and a
 * shared inode would let such a change reach the cache. Bytecode is compiled at install, as pip does: students cannot
 * write {@code __pycache__} into a root-owned venv, and the hub starts faster.
 */
public record PipPackages(String venv, Map<String, String> pins, List<String> absent, String uv, String cache)
        implements Operation<Map<String, String>> {
    private static final String DIST_INFO = ".dist-info";

    public PipPackages(String venv, Map<String, String> pins) {
        this(venv, pins, List.of(), null, null);
    }

    public PipPackages(String venv, Map<String, String> pins, List<String> absent) {
        this(venv, pins, absent, null, null);
    }

    public PipPackages {
        if ((uv == null) != (cache == null)) {
            throw new IllegalArgumentException("uv and its cache go together");
        }
    }

    /** PyPI names compare case-insensitively with runs of '-', '_' and '.' as one (PEP 503). */
    static String normalize(String name) {
        return name.toLowerCase().replaceAll("[-_.]+", "-");
    }

    /**
     * The installed versions of the pinned and the absent packages, read from the venv's {@code *.dist-info} folders
     * (each one's METADATA {@code Version:}, what {@code pip list} reports) without starting Python: {@code pip list}
     * took a second or two of every converge per environment.
     */
    @Override
    public Map<String, String> gather(Machine machine) {
        Set<String> asked = new HashSet<>();
        pins.keySet().forEach(name -> asked.add(normalize(name)));
        absent.forEach(name -> asked.add(normalize(name)));
        return installed(machine, venv, asked);
    }

    /**
     * The versions of those of {@code names} ({@link #normalize normalized}) installed in {@code venv}, by normalized
     * name, as {@code importlib.metadata.version} and {@code pip list} report them; empty without a venv.
     */
    public static Map<String, String> installed(Machine machine, String venv, Set<String> names) {
        Map<String, String> installed = new HashMap<>();
        if (machine.stat(venv + "/bin/python").isEmpty()) {
            return installed;
        }
        for (String lib : machine.list(venv + "/lib")) {
            String sitePackages = venv + "/lib/" + lib + "/site-packages";
            for (String entry : machine.list(sitePackages)) {
                if (!entry.endsWith(DIST_INFO)) {
                    continue;
                }
                // NAME-VERSION.dist-info: a version has no '-' (the name's are written as '_').
                String base = entry.substring(0, entry.length() - DIST_INFO.length());
                int dash = base.lastIndexOf('-');
                String name = normalize(dash < 0 ? base : base.substring(0, dash));
                if (names.contains(name)) {
                    installed.put(name, metadataVersion(machine, sitePackages + "/" + entry + "/METADATA"));
                }
            }
        }
        return installed;
    }

    /** The METADATA file's {@code Version:} header; empty when it is unreadable (then the package is reinstalled). */
    private static String metadataVersion(Machine machine, String metadata) {
        return machine.read(metadata)
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .flatMap(text -> text.lines()
                        .takeWhile(l -> !l.isEmpty()) // the headers end at the first blank line
                        .filter(l -> l.startsWith("Version:"))
                        .map(l -> l.substring("Version:".length()).strip())
                        .findFirst())
                .orElse("");
    }

    @Override
    public List<Action> plan(Map<String, String> installed) {
        List<String> wanted = new ArrayList<>();
        pins.forEach((name, version) -> {
            if (!version.equals(installed.get(normalize(name)))) {
                wanted.add(name + "==" + version);
            }
        });
        List<Action> actions = new ArrayList<>();
        if (!wanted.isEmpty()) {
            wanted.sort(null);
            actions.add(install(wanted));
        }
        // An install may bring an absent package back as a dependency: then all of them are removed after it.
        List<String> unwanted = absent.stream()
                .filter(name -> !wanted.isEmpty() || installed.containsKey(normalize(name)))
                .sorted()
                .toList();
        if (!unwanted.isEmpty()) {
            actions.add(uninstall(unwanted));
        }
        return actions;
    }

    private Action install(List<String> wanted) {
        String description = "install " + String.join(" ", wanted) + " into " + venv;
        if (uv == null) {
            return pip(description, "install", "--no-input", wanted);
        }
        // --native-tls: the system's CA store (uv's own is Mozilla's list alone, so a CA an admin added is unknown).
        List<String> argv = new ArrayList<>(List.of(uv, "pip", "install", "--python", venv + "/bin/python"));
        argv.addAll(List.of("--cache-dir", cache, "--link-mode", "copy", "--compile-bytecode", "--native-tls"));
        argv.add("--no-progress");
        argv.addAll(wanted);
        return new Action.Run(description + " (uv)", argv);
    }

    private Action uninstall(List<String> unwanted) {
        String description = "remove " + String.join(" ", unwanted) + " from " + venv;
        if (uv == null) {
            return pip(description, "uninstall", "--yes", unwanted);
        }
        List<String> argv = new ArrayList<>(List.of(uv, "pip", "uninstall", "--python", venv + "/bin/python"));
        argv.addAll(unwanted);
        return new Action.Run(description + " (uv)", argv);
    }

    private Action pip(String description, String command, String option, List<String> names) {
        List<String> argv = new ArrayList<>(
                List.of(venv + "/bin/python", "-m", "pip", command, "--disable-pip-version-check", option));
        argv.addAll(names);
        return new Action.Run(description, argv);
    }
}
