package io.littlehub.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.machine.FakeMachine;
import io.littlehub.common.machine.FileState;
import io.littlehub.common.machine.LocalMachine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Operations as data: desired state + facts in, actions out; a machine already there plans nothing. */
class PlanTest {
    private static Action.Run run(String... argv) {
        return new Action.Run(List.of(argv));
    }

    @Test
    void aptInstallsOnlyWhatIsMissing() {
        AptPackages op = new AptPackages(List.of("python3-venv", "nodejs"));
        List<Action> plan = op.plan(new AptPackages.Facts(Set.of("nodejs"), false));
        assertEquals(new Action.Run(AptCommandLines.UPDATE), plan.get(0));
        assertEquals(new Action.Run(AptCommandLines.install("python3-venv")), plan.get(1));
        assertEquals(List.of(), op.plan(new AptPackages.Facts(Set.of("nodejs", "python3-venv"), false)));
    }

    @Test
    void groupAndUser() {
        Group.Facts missing = new Group.Facts(false, Set.of(), Set.of());
        assertEquals(
                List.of(run("groupadd", "--system", "littlehub-admins")),
                new Group("littlehub-admins", true).plan(missing));
        assertEquals(
                List.of(),
                new Group("littlehub-admins", true).plan(new Group.Facts(true, Set.of("someone"), Set.of())),
                "without members, membership is left alone");
        User proxy = new User("littlehub-proxy", true, "/nonexistent", "/usr/sbin/nologin", List.of());
        assertEquals(
                List.of(run(
                        "useradd",
                        "--system",
                        "--home-dir",
                        "/nonexistent",
                        "--shell",
                        "/usr/sbin/nologin",
                        "--no-create-home",
                        "littlehub-proxy")),
                proxy.plan(new User.Facts(false, Set.of())));
        assertEquals(List.of(), proxy.plan(new User.Facts(true, Set.of("littlehub-proxy"))));
        User admin = new User("jupyter-ada", false, "/home/jupyter-ada", "/bin/bash", List.of("littlehub-admins"));
        assertEquals(
                List.of(run("usermod", "--append", "--groups", "littlehub-admins", "jupyter-ada")),
                admin.plan(new User.Facts(true, Set.of("jupyter-ada"))));
    }

    @Test
    void groupMembersAreExactlyTheListedUsersThatExist() {
        Group admins = new Group("littlehub-admins", true, List.of("jupyter-ada", "jupyter-bob", "jupyter-new"));
        // jupyter-new has never started a server: no unix user yet, so it is skipped, not created.
        Set<String> existing = Set.of("jupyter-ada", "jupyter-bob");
        assertEquals(
                List.of(
                        run("groupadd", "--system", "littlehub-admins"),
                        run("gpasswd", "-a", "jupyter-ada", "littlehub-admins"),
                        run("gpasswd", "-a", "jupyter-bob", "littlehub-admins")),
                admins.plan(new Group.Facts(false, Set.of(), existing)));
        assertEquals(
                List.of(
                        run("gpasswd", "-d", "jupyter-eve", "littlehub-admins"),
                        run("gpasswd", "-a", "jupyter-bob", "littlehub-admins")),
                admins.plan(new Group.Facts(true, Set.of("jupyter-ada", "jupyter-eve"), existing)));
        // The second run: the machine is where the first run left it, so nothing is planned.
        assertEquals(List.of(), admins.plan(new Group.Facts(true, Set.of("jupyter-ada", "jupyter-bob"), existing)));
        assertEquals(
                List.of(run("gpasswd", "-d", "jupyter-ada", "littlehub-admins")),
                new Group("littlehub-admins", true, List.of())
                        .plan(new Group.Facts(true, Set.of("jupyter-ada"), Set.of())),
                "no admins: nobody in the group");
        assertEquals(
                List.of(),
                new Group("littlehub-admins", true, List.of("jupyter-gone"))
                        .plan(new Group.Facts(true, Set.of("jupyter-gone"), Set.of())),
                "a listed user that does not exist is skipped, whatever the group file says");
    }

    @Test
    void groupAccessSetsTheAclOnceAndNeverFollowsSymlinks() {
        GroupAccess env = new GroupAccess("/opt/littlehub/user", "littlehub-admins");
        assertEquals(
                List.of(run(
                        "setfacl",
                        "-R",
                        "-P",
                        "-m",
                        "g:littlehub-admins:rwX",
                        "-m",
                        "d:g:littlehub-admins:rwX",
                        "/opt/littlehub/user")),
                env.plan(new GroupAccess.Facts("user::rwx\ngroup::r-x\nother::r-x\n", List.of())));
        assertEquals(List.of(), env.plan(new GroupAccess.Facts(ACL_DONE, List.of())), "a second run plans nothing");
        assertInstanceOf(
                Action.Fail.class,
                env.plan(new GroupAccess.Facts(null, List.of())).get(0));
        assertInstanceOf(
                Action.Fail.class,
                env.plan(new GroupAccess.Facts(ACL_DONE, null)).get(0),
                "find failed");
    }

    private static final String ACL_DONE = "user::rwx\ngroup::r-x\ngroup:littlehub-admins:rwx\nmask::rwx\nother::r-x\n"
            + "default:user::rwx\ndefault:group::r-x\ndefault:group:littlehub-admins:rwx\ndefault:mask::rwx\ndefault:other::r-x\n";

    @Test
    void groupAccessGivesWhatAPersonOwnsToRootInBatches() {
        GroupAccess data = new GroupAccess("/srv/data", "littlehub-admins");
        String found = "jupyter-ta\t/srv/data/week 1\0jupyter-ta\t/srv/data/week 1/notes.txt\0bob\t/srv/data/b\tc\0";
        List<GroupAccess.Owned> owned = GroupAccess.parseOwned(found);
        assertEquals(
                List.of(
                        new GroupAccess.Owned("jupyter-ta", "/srv/data/week 1"),
                        new GroupAccess.Owned("jupyter-ta", "/srv/data/week 1/notes.txt"),
                        new GroupAccess.Owned("bob", "/srv/data/b\tc")),
                owned,
                "names with spaces and tabs survive");
        List<Action> plan = data.plan(new GroupAccess.Facts(ACL_DONE, owned));
        assertEquals(
                List.of(new Action.Run(
                        "give 3 files in /srv/data to root:root (person-owned: bob 1, jupyter-ta 2)",
                        List.of(
                                "chown",
                                "--no-dereference",
                                "root:root",
                                "--",
                                "/srv/data/b\tc",
                                "/srv/data/week 1",
                                "/srv/data/week 1/notes.txt"))),
                plan);

        List<GroupAccess.Owned> many = java.util.stream.IntStream.range(0, GroupAccess.CHOWN_BATCH + 1)
                .mapToObj(i -> new GroupAccess.Owned("jupyter-ta", "/srv/data/f" + i))
                .toList();
        List<Action> batches = data.plan(new GroupAccess.Facts(ACL_DONE, many));
        assertEquals(2, batches.size(), "one chown per " + GroupAccess.CHOWN_BATCH + " paths");
        assertEquals(
                GroupAccess.CHOWN_BATCH + 4,
                ((Action.Run) batches.get(0)).argv().size());
        assertEquals(
                List.of(),
                data.plan(new GroupAccess.Facts(ACL_DONE, GroupAccess.parseOwned(""))),
                "nothing person-owned: nothing to do");
    }

    @Test
    void directoryCreatesFixesOrLeavesAlone() {
        Directory d = new Directory("/opt/littlehub/state", "root", "root", 0700);
        assertEquals(
                List.of(new Action.MakeDirectory("/opt/littlehub/state", "root", "root", 0700)),
                d.plan(Optional.empty()));
        assertEquals(
                List.of(new Action.SetAttributes("/opt/littlehub/state", "root", "root", 0700)),
                d.plan(Optional.of(new FileState(true, "root", "root", 0755, null))));
        assertEquals(List.of(), d.plan(Optional.of(new FileState(true, "root", "root", 0700, null))));
        assertInstanceOf(
                Action.Fail.class,
                d.plan(Optional.of(new FileState(false, "root", "root", 0700, "ab")))
                        .get(0));
    }

    @Test
    void fileWritesOnlyWhenContentOrAttributesDiffer() {
        FileContent f = new FileContent("/etc/x.conf", "a=1\n", "root", "root", 0644);
        String hash = LocalMachine.sha256("a=1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                List.of(new Action.WriteFile("/etc/x.conf", "a=1\n", "root", "root", 0644, false)),
                f.plan(new FileContent.Facts(Optional.empty(), null)));
        assertEquals(
                List.of(),
                f.plan(new FileContent.Facts(Optional.of(new FileState(false, "root", "root", 0644, hash)), "a=1\n")));
        assertEquals(
                List.of(new Action.SetAttributes("/etc/x.conf", "root", "root", 0644)),
                f.plan(new FileContent.Facts(Optional.of(new FileState(false, "root", "root", 0666, hash)), "a=1\n")));
        String diff =
                f.diff(new FileContent.Facts(Optional.of(new FileState(false, "root", "root", 0644, "old")), "a=0\n"));
        assertTrue(diff.contains("-a=0") && diff.contains("+a=1"), diff);
    }

    @Test
    void aFileOnlyItsOwnerReadsIsNeverDiffed() {
        FileContent f =
                new FileContent("/opt/x/jupyterhub_config.py", "secret = \"new-s3cret\"\n", "root", "root", 0600);
        String diff = f.diff(new FileContent.Facts(
                Optional.of(new FileState(false, "root", "root", 0600, "old")), "secret = \"old-s3cret\"\n"));
        assertTrue(diff.contains("/opt/x/jupyterhub_config.py") && diff.contains("not shown"), diff);
        assertTrue(!diff.contains("s3cret"), diff);
    }

    @Test
    void secretIsGeneratedOnceAndNeverShown() {
        Secret s = new Secret("/opt/littlehub/state/cookie_secret", 32, "", "root", "root", 0600);
        Action.WriteFile w = (Action.WriteFile) s.plan(Secret.Facts.MISSING).get(0);
        assertTrue(w.secret());
        assertTrue(w.content().strip().matches("[0-9a-f]{64}"));
        assertTrue(!w.toString().contains(w.content().strip())
                && !w.describe().contains(w.content().strip()));
        assertEquals(List.of(), s.plan(kept(0600, -1)));
        assertEquals(
                List.of(new Action.SetAttributes("/opt/littlehub/state/cookie_secret", "root", "root", 0600)),
                s.plan(kept(0644, -1)));
    }

    /**
     * The agent's hub API token: 48 characters. One of 64 (what earlier releases wrote, which JupyterHub 6.1.0
     * refuses) is replaced, read from the file as the prefix-less secret; one as long or shorter is kept.
     */
    @Test
    void aSecretLongerThanItsBytesIsRenewedWhenAskedTo() {
        String path = "/opt/littlehub/state/agent-api-token";
        Secret token = new Secret(path, 24, "", true, "root", "root", 0600);
        String old = "ab".repeat(32);
        FakeMachine vm = new FakeMachine().file(path, old + "\n");
        assertEquals(new Secret.Facts(vm.stat(path), 64), token.gather(vm));
        Action.WriteFile renewed =
                (Action.WriteFile) token.plan(token.gather(vm)).get(0);
        assertTrue(renewed.content().strip().matches("[0-9a-f]{48}"), renewed.content());
        vm.file(path, "cd".repeat(24) + "\n");
        assertEquals(List.of(new Action.SetAttributes(path, "root", "root", 0600)), token.plan(token.gather(vm)));
        assertEquals(List.of(), token.plan(kept(0600, 48)));
        assertEquals(
                48,
                new Secret(path, 24, "T=", true, "root", "root", 0600)
                        .gather(new FakeMachine().file(path, "T=" + "ef".repeat(24) + "\n"))
                        .length());
        // Without the flag the file is not even read, and kept whatever its length.
        Secret cookie = new Secret(path, 24, "", "root", "root", 0600);
        assertEquals(-1, cookie.gather(vm).length());
        assertEquals(List.of(), cookie.plan(kept(0600, 64)));
    }

    private static Secret.Facts kept(int mode, int length) {
        return new Secret.Facts(Optional.of(new FileState(false, "root", "root", mode, "x")), length);
    }

    @Test
    void symlinkIsSwitchedByOneRenameAndNeverReplacesAnythingElse() {
        Symlink current = new Symlink("/opt/littlehub/current", "/opt/littlehub/releases/0.6.0");
        List<Action> switchover = List.of(
                new Action.Run(
                        "point /opt/littlehub/current at /opt/littlehub/releases/0.6.0",
                        List.of("ln", "-sfnT", "/opt/littlehub/releases/0.6.0", "/opt/littlehub/current.new")),
                run("mv", "-T", "/opt/littlehub/current.new", "/opt/littlehub/current"));
        assertEquals(switchover, current.plan(Symlink.Facts.MISSING));
        assertEquals(switchover, current.plan(new Symlink.Facts("/opt/littlehub/releases/0.5.0", false)));
        assertEquals(List.of(), current.plan(new Symlink.Facts("/opt/littlehub/releases/0.6.0", false)));
        assertInstanceOf(
                Action.Fail.class, current.plan(new Symlink.Facts(null, true)).get(0));
    }

    @Test
    void venvIsCreatedAndABrokenOneRebuilt() {
        Venv v = new Venv("/opt/littlehub/hub", "/usr/bin/python3");
        assertEquals(List.of(run("/usr/bin/python3", "-m", "venv", "/opt/littlehub/hub")), v.plan(Venv.Facts.MISSING));
        assertEquals(2, v.plan(Venv.Facts.BROKEN).size());
        assertEquals(List.of(), v.plan(Venv.Facts.WORKING));
    }

    @Test
    void pipInstallsMismatchedPinsAndComparesNamesLikePip() {
        PipPackages p = new PipPackages("/v", Map.of("jupyterhub", "5.3.0", "jupyterhub_idle_culler", "1.4.0"));
        Action.Run r = (Action.Run) p.plan(Map.of("jupyterhub", "5.2.0", "jupyterhub-idle-culler", "1.4.0"))
                .get(0);
        assertEquals(
                List.of(
                        "/v/bin/python",
                        "-m",
                        "pip",
                        "install",
                        "--disable-pip-version-check",
                        "--no-input",
                        "jupyterhub==5.3.0"),
                r.argv());
        assertEquals(List.of(), p.plan(Map.of("jupyterhub", "5.3.0", "jupyterhub-idle-culler", "1.4.0")));
    }

    @Test
    void pipRemovesAbsentPackagesAlsoAfterAnInstallThatBroughtThemBack() {
        PipPackages p = new PipPackages("/v", Map.of("jupyterlab", "4.6.6"), List.of("rfc3987-syntax"));
        List<String> uninstall = List.of(
                "/v/bin/python", "-m", "pip", "uninstall", "--disable-pip-version-check", "--yes", "rfc3987-syntax");
        assertEquals(List.of(), p.plan(Map.of("jupyterlab", "4.6.6")));
        assertEquals(
                List.of(uninstall),
                p.plan(Map.of("jupyterlab", "4.6.6", "rfc3987-syntax", "1.1.0")).stream()
                        .map(a -> ((Action.Run) a).argv())
                        .toList());
        List<Action> fresh = p.plan(Map.of());
        assertEquals(2, fresh.size());
        assertEquals("install", ((Action.Run) fresh.get(0)).argv().get(3));
        assertEquals(uninstall, ((Action.Run) fresh.get(1)).argv());
    }

    @Test
    void npmInstallsIntoItsPrefix() {
        NpmPackages n = new NpmPackages("/opt/littlehub/proxy", Map.of("configurable-http-proxy", "4.6.3"));
        Action.Run r = (Action.Run) n.plan(Map.of()).get(0);
        assertEquals(
                List.of(
                        "npm",
                        "install",
                        "--global",
                        "--prefix",
                        "/opt/littlehub/proxy",
                        "--no-fund",
                        "--no-audit",
                        "configurable-http-proxy@4.6.3"),
                r.argv());
        assertEquals(List.of(), n.plan(Map.of("configurable-http-proxy", "4.6.3")));
    }

    @Test
    void serviceReloadsEnablesAndStartsAsNeeded() {
        Service s = new Service("jupyterhub", true, true);
        assertEquals(
                List.of(
                        run("systemctl", "daemon-reload"),
                        run("systemctl", "enable", "jupyterhub"),
                        run("systemctl", "start", "jupyterhub")),
                s.plan(new Service.Facts(true, false, false)));
        assertEquals(List.of(), s.plan(new Service.Facts(false, true, true)));
        assertEquals(
                List.of(run("systemctl", "restart", "jupyterhub")), new Restart("jupyterhub", List.of()).plan(false));
    }

    @Test
    void aRestartsEarlyStartUpWorkRunsBeforeTheStop() {
        List<String> warm = List.of("/opt/littlehub/releases/1.2.0/hub/bin/python", "-c", "import jupyterhub.app");
        assertEquals(
                List.of(
                        new Action.Run(
                                "before stopping jupyterhub: /opt/littlehub/releases/1.2.0/hub/bin/python -c"
                                        + " import jupyterhub.app",
                                warm),
                        run("systemctl", "daemon-reload"),
                        run("systemctl", "restart", "jupyterhub")),
                new Restart("jupyterhub", warm).plan(true));
    }
}
