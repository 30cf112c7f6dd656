package io.littlehub.agent.ops;

import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A shared folder tree (the users' environment, /srv/data): owned by root, changed by the members of {@code group}
 * through an ACL entry on every file and folder, and a default entry on folders, so what anyone creates there later
 * (pip as root, an admin in a terminal) is theirs to change too. Others keep what the modes give them (read).
 * <p>
 * Nothing in it stays a person's: a file an admin created is theirs (owner and group), and an owner may chmod it
 * and write it whatever the ACL says, so a demoted admin could still change code every student imports. Each run
 * gives anything not owned by root:root to root:root; the group keeps its access through the ACL.
 * <p>
 * Facts: the top folder's ACL (new files inherit the default entry, so once the top carries both entries the tree
 * does) and every path in the tree not owned by root:root.
 */
public record GroupAccess(String path, String group) implements Operation<GroupAccess.Facts> {
    /** How many paths one chown takes (well under the kernel's argument-size limit). */
    static final int CHOWN_BATCH = 200;

    /**
     * @param acl {@code getfacl} of the top folder, or null when it does not exist
     * @param personOwned each path not owned by root:root, with its owner's name; null when find failed
     */
    public record Facts(String acl, List<Owned> personOwned) {}

    /** A path in the tree and the user who owns it (or whose group does). */
    public record Owned(String owner, String path) {}

    @Override
    public Facts gather(Machine machine) {
        CommandResult r = machine.run(List.of("getfacl", "--absolute-names", "--omit-header", path));
        if (!r.ok()) {
            return new Facts(null, List.of());
        }
        // find never follows symlinks (-P is its default); NUL-separated, so any file name survives.
        CommandResult owned = machine.run(
                List.of("find", path, "(", "!", "-uid", "0", "-o", "!", "-gid", "0", ")", "-printf", "%u\\t%p\\0"));
        return new Facts(r.stdout(), owned.ok() ? parseOwned(owned.stdout()) : null);
    }

    /** {@code find -printf '%u\t%p\0'} output → entries. */
    static List<Owned> parseOwned(String found) {
        List<Owned> out = new ArrayList<>();
        for (String entry : found.split("\0")) {
            int tab = entry.indexOf('\t');
            if (tab > 0) {
                out.add(new Owned(entry.substring(0, tab), entry.substring(tab + 1)));
            }
        }
        return out;
    }

    @Override
    public List<Action> plan(Facts facts) {
        if (facts.acl() == null) {
            return List.of(new Action.Fail(path + " does not exist (or getfacl is missing: apt-get install acl)"));
        }
        if (facts.personOwned() == null) {
            return List.of(new Action.Fail("cannot list the owners of the files in " + path + " (find failed)"));
        }
        List<Action> actions = new ArrayList<>();
        Map<String, Integer> byOwner = new TreeMap<>();
        facts.personOwned().forEach(o -> byOwner.merge(o.owner(), 1, Integer::sum));
        List<String> paths = new ArrayList<>(
                new TreeSet<>(facts.personOwned().stream().map(Owned::path).toList()));
        for (int from = 0; from < paths.size(); from += CHOWN_BATCH) {
            List<String> batch = paths.subList(from, Math.min(paths.size(), from + CHOWN_BATCH));
            List<String> argv = new ArrayList<>(List.of("chown", "--no-dereference", "root:root", "--"));
            argv.addAll(batch);
            actions.add(new Action.Run(
                    "give " + batch.size() + " files in " + path + " to root:root (person-owned: "
                            + byOwner.toString()
                                    .replace("{", "")
                                    .replace("}", "")
                                    .replace("=", " ") + ")",
                    argv));
        }
        List<String> lines = facts.acl().lines().map(String::strip).toList();
        if (!lines.contains("group:" + group + ":rwx") || !lines.contains("default:group:" + group + ":rwx")) {
            // -P: never follow a symlink (a venv's bin/python points into /usr/bin).
            // X: execute only where it is already.
            actions.add(new Action.Run(
                    List.of("setfacl", "-R", "-P", "-m", "g:" + group + ":rwX", "-m", "d:g:" + group + ":rwX", path)));
        }
        return actions;
    }
}
