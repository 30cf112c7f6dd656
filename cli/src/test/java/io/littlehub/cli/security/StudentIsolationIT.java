package io.littlehub.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.common.students.UnixNames;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 16's items 4 and 5, proven by attack on a provisioned hub: student bob (B) goes after student ada (A), and a
 * demoted admin (ta) after the shared environment. Each test is named by the defence, tries the attack from a real
 * kernel, and asserts the reason it fails; a control shows the target is there (root or A reaches it), so a
 * failure cannot come from a missing target.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudentIsolationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Small enough to reach in seconds, big enough for a server, a kernel and a terminal. */
    private static final int TASKS = 128;

    private static final int BOB_TASKS = 100;
    private static final String METADATA_PORT = "8169";

    @AutoClose
    static TeacherLaptop laptop;

    static HubClient ada;
    static HubClient bob;
    static String adaKernel;
    static String bobKernel;

    static String root(String... argv) {
        String[] sudo = new String[argv.length + 1];
        sudo[0] = "sudo";
        System.arraycopy(argv, 0, sudo, 1, argv.length);
        return laptop.vm.check(sudo);
    }

    static String asAda(String code) throws Exception {
        return ada.executeIn("ada", adaKernel, code);
    }

    static String asBob(String code) throws Exception {
        return bob.executeIn("bob", bobKernel, code);
    }

    /** A Python string literal of {@code s}. */
    static String py(String s) throws Exception {
        return JSON.writeValueAsString(s);
    }

    @BeforeAll
    static void twoStudentsAndAnAdmin() throws Exception {
        laptop = TeacherLaptop.boot("isolation-" + ProcessHandle.current().pid());
        laptop.ok("add-student", "ada", "bob");
        // An admin's password is the teacher's to set (AdminClaimIT): ta's comes from a file only the teacher reads.
        laptop.ok(
                "add-admin",
                "ta",
                "--password-file",
                laptop.passwordFile("ta-password").toString());
        laptop.ok("config", "set", "limits.tasks", String.valueOf(TASKS));
        laptop.ok("config", "set", "limits.users", "{bob: {tasks: " + BOB_TASKS + "}}");
        ada = laptop.signedInWithServer("ada");
        bob = laptop.signedInWithServer("bob");
        adaKernel = ada.startKernel("ada");
        bobKernel = bob.startKernel("bob");
    }

    @Test
    @Order(1)
    void protectHomeHidesAnotherStudentsNotebook() throws Exception {
        asAda("import os; open(os.path.expanduser('~/homework.ipynb'), 'w').write('{\"ada\": \"answers\"}'); 1");
        root("test", "-f", "/home/jupyter-ada/homework.ipynb"); // the target is there
        String attack = asBob("""
                import os
                try:
                    open('/home/jupyter-ada/homework.ipynb').read()
                    r = 'read it'
                except OSError as e:
                    r = type(e).__name__
                (r, sorted(os.listdir('/home')))""");
        assertEquals(
                "('FileNotFoundError', ['jupyter-bob'])",
                attack,
                "ProtectHome=tmpfs: bob's /home holds only his own home, ada's does not exist there");
        assertEquals(
                "drwx------",
                root("stat", "-c", "%A", "/home/jupyter-ada").strip(),
                "and outside it, her home is 0700");
    }

    @Test
    @Order(2)
    void ipcKernelSocketsStopSubscribingToAnotherStudentsOutput() throws Exception {
        String connectionFile = root("find", "/home/jupyter-ada", "-name", "kernel-" + adaKernel + ".json")
                .strip();
        JsonNode connection = JSON.readTree(root("cat", connectionFile));
        System.out.println("ada's kernel: " + connectionFile + " " + connection);
        assertEquals(
                "ipc", connection.path("transport").asText(), "ada's kernel talks over Unix sockets: " + connection);
        String ip = connection.path("ip").asText();
        String iopub = (ip.startsWith("/") ? "" : "/home/jupyter-ada/") + ip + "-"
                + connection.path("iopub_port").asText();
        root("test", "-S", iopub);
        // The kernel's one TCP socket left is ipykernel's pipe for forked children's output: a PULL socket (it only
        // receives, and drops what lacks a per-process random key). Bob tries it too.
        String adaKernelPid = asAda("import os; os.getpid()");
        List<String> tcp = root("ss", "-ltnpH")
                .lines()
                .filter(l -> l.contains("pid=" + adaKernelPid + ","))
                .toList();
        assertEquals(1, tcp.size(), "only the output pipe: " + tcp);
        String pipe = tcp.get(0).trim().split("\\s+")[3];
        assertTrue(pipe.startsWith("127.0.0.1:"), pipe);

        // Control: root, who may reach her socket, subscribes and hears what ada prints.
        String subscriber = """
                import sys, zmq
                s = zmq.Context().socket(zmq.SUB); s.setsockopt(zmq.SUBSCRIBE, b''); s.RCVTIMEO = 15000
                s.connect('ipc://' + sys.argv[1])
                try:
                    while b'ada-output' not in b''.join(s.recv_multipart()):
                        pass
                    print('heard ada')
                except zmq.Again:
                    print('heard nothing')
                """;
        CompletableFuture<String> rootListens =
                CompletableFuture.supplyAsync(() -> root("/opt/littlehub/user/bin/python", "-c", subscriber, iopub));
        CompletableFuture<String> bobListens = CompletableFuture.supplyAsync(() -> {
            try {
                return asBob("""
                        import os, socket, time, zmq
                        path, pipe = %s, %s
                        try:
                            socket.socket(socket.AF_UNIX).connect(path)
                            direct = 'connected'
                        except OSError as e:
                            direct = type(e).__name__
                        context, heard = zmq.Context(), []
                        subs = [context.socket(zmq.SUB) for _ in range(2)]
                        for s, where in zip(subs, ('ipc://' + path, 'tcp://' + pipe)):
                            s.setsockopt(zmq.SUBSCRIBE, b'')
                            s.connect(where)
                        poller = zmq.Poller()
                        for s in subs:
                            poller.register(s, zmq.POLLIN)
                        end = time.time() + 12
                        while time.time() < end:
                            for s, _ in poller.poll(500):
                                heard.append(b''.join(s.recv_multipart()))
                        (direct, any(b'ada-output' in m for m in heard), len(heard))""".formatted(py(iopub), py(pipe)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(2_000);
        asAda("import time\nfor i in range(16):\n    print('ada-output', i, flush=True)\n    time.sleep(0.5)\n1");
        assertEquals("heard ada", rootListens.get().strip(), "the socket carries ada's output");
        assertEquals(
                "('FileNotFoundError', False, 0)",
                bobListens.get(),
                "bob's kernel finds no socket to connect to (her home does not exist for him), "
                        + "and the pipe says nothing");
    }

    @Test
    @Order(3)
    void privateDevShmHidesAnotherStudentsSharedMemory() throws Exception {
        assertEquals("'mine'", asAda("open('/dev/shm/ada-shm', 'w').write('mine'); open('/dev/shm/ada-shm').read()"));
        String attack = asBob("""
                import os
                try:
                    open('/dev/shm/ada-shm').read()
                    r = 'read it'
                except OSError as e:
                    r = type(e).__name__
                (r, os.listdir('/dev/shm'))""");
        assertEquals(
                "('FileNotFoundError', [])", attack, "TemporaryFileSystem=/dev/shm: bob's /dev/shm is his own, empty");
        assertFalse(root("ls", "/dev/shm").contains("ada-shm"), "and ada's is not the VM's either");
        assertEquals(
                "[]",
                asBob("import os; sorted(set(os.listdir('/dev')) & {'sda', 'vda', 'mem', 'kmsg', 'loop0'})"),
                "no devices but the pseudo ones");

        // System V shared memory: ada makes a segment anyone may read (0666); bob looks for its key.
        String shmget = "import ctypes, os; libc = ctypes.CDLL(None, use_errno=True); ";
        assertTrue(Integer.parseInt(asAda(shmget + "libc.shmget(0x1616, 4096, 0o1666)")) >= 0, "ada's segment is made");
        assertEquals(
                "(-1, 'No such file or directory')",
                asBob(shmget + "(libc.shmget(0x1616, 0, 0o666), os.strerror(ctypes.get_errno()))"),
                "PrivateIPC: bob's IPC namespace has no segment of that key");
        assertFalse(root("ipcs", "-m").contains("0x00001616"), "nor has the VM's: ada's is in her own namespace");
    }

    @Test
    @Order(4)
    void protectProcHidesAnotherStudentsProcesses() throws Exception {
        String adaPid = asAda("import os; os.getpid()");
        assertEquals(
                UnixNames.unixName("ada"),
                root("ps", "-o", "user=", "-p", adaPid).strip(),
                "root sees ada's kernel");
        String attack = asBob("""
                import os, pwd
                pids = [p for p in os.listdir('/proc') if p.isdigit()]
                owners = sorted({pwd.getpwuid(os.stat('/proc/' + p).st_uid).pw_name
                                 for p in pids if os.path.exists('/proc/' + p)})
                (os.path.exists('/proc/%s'), owners)""".formatted(adaPid));
        assertEquals(
                "(False, ['jupyter-bob'])", attack, "ProtectProc=invisible: bob's /proc shows only his own processes");
    }

    @Test
    @Order(5)
    void nftablesRefusesTheCloudMetadataAddressesToStudents() throws Exception {
        // A stand-in metadata server on the VM itself: both addresses on lo, a listener as root on each. Port 80 of
        // every address is the hub's proxy, so the stand-in answers on METADATA_PORT (the rules match any port).
        root("ip", "addr", "add", "169.254.169.254/32", "dev", "lo");
        root("ip", "-6", "addr", "add", "fd00:ec2::254/128", "dev", "lo");
        root("mkdir", "-p", "/root/fake-metadata/latest/meta-data");
        root("sh", "-c", "echo root-only-credentials > /root/fake-metadata/latest/meta-data/iam");
        for (String address : List.of("169.254.169.254", "fd00:ec2::254")) {
            root(
                    "systemd-run",
                    "--unit=fake-metadata-" + address.replace(':', '-'),
                    "python3",
                    "-m",
                    "http.server",
                    "--bind",
                    address,
                    "--directory",
                    "/root/fake-metadata",
                    METADATA_PORT);
        }
        String v4 = "http://169.254.169.254:" + METADATA_PORT + "/latest/meta-data/iam";
        String v6 = "http://[fd00:ec2::254]:" + METADATA_PORT + "/latest/meta-data/iam";
        root(
                "sh",
                "-c",
                "for i in $(seq 50); do curl -sf -o /dev/null " + v4 + " && curl -sf -o /dev/null '" + v6
                        + "' && exit 0; sleep 0.2; done; exit 1");
        assertEquals(
                "root-only-credentials\nroot-only-credentials",
                root("sh", "-c", "curl -s " + v4 + "; curl -s '" + v6 + "'").strip(),
                "root reaches both");
        String attack = asBob("""
                import urllib.request
                def fetch(url):
                    try:
                        return urllib.request.urlopen(url, timeout=10).status
                    except OSError as e:
                        return str(getattr(e, 'reason', e))
                (fetch(%s), fetch(%s))""".formatted(py(v4), py(v6)));
        assertEquals(
                "('[Errno 113] No route to host', '[Errno 13] Permission denied')",
                attack,
                "refused at once by the rules (ICMP and ICMPv6 admin-prohibited), not timed out or answered");
        String counters = root("nft", "list", "table", "inet", "littlehub_isolation");
        assertFalse(counters.contains("counter packets 0 "), "both rules counted bob's attempts:\n" + counters);
    }

    @Test
    @Order(6)
    void tasksMaxStopsAForkBombInsideOneStudent() throws Exception {
        assertEquals(
                "TasksMax=" + BOB_TASKS,
                root("systemctl", "show", "-p", "TasksMax", UnixNames.unitName("bob"))
                        .strip(),
                "bob's own limits.users entry");
        assertEquals(
                "TasksMax=" + TASKS,
                root("systemctl", "show", "-p", "TasksMax", UnixNames.unitName("ada"))
                        .strip(),
                "limits.tasks for everyone else");
        // Forks until the kernel refuses; the children wait and then end (reaped at once: SIGCHLD ignored), so bob's
        // server recovers by itself.
        String bomb = asBob("""
                import os, signal, time
                signal.signal(signal.SIGCHLD, signal.SIG_IGN)
                children, error = [], None
                while len(children) < 10000:
                    try:
                        pid = os.fork()
                    except OSError as e:
                        error = e
                        break
                    if pid == 0:
                        time.sleep(20)
                        os._exit(0)
                    children.append(pid)
                (len(children), error.errno if error else None, error.strerror if error else None)""");
        System.out.println("fork bomb under TasksMax=" + BOB_TASKS + ": (forked, errno, message) = " + bomb);
        String[] parts = bomb.replaceAll("[()']", "").split(",\\s*");
        int forked = Integer.parseInt(parts[0]);
        assertEquals("11", parts[1], "EAGAIN: " + bomb);
        assertEquals("Resource temporarily unavailable", parts[2], bomb);
        assertTrue(forked > 10 && forked < BOB_TASKS, "stopped inside bob's limit: " + forked);
        // While bob's children hold every task he may have: the others do not notice.
        assertEquals("20", asAda("5*4"), "ada's kernel answers");
        assertEquals(200, new HubClient(laptop.base).get("/hub/health").statusCode(), "the hub answers");
        assertEquals("sshd ok", laptop.vm.check("sh", "-c", "echo sshd ok").strip(), "sshd takes a new session");
        String current = root("systemctl", "show", "-p", "TasksCurrent", UnixNames.unitName("bob"))
                .strip();
        assertTrue(tasks(current) >= BOB_TASKS - 2, "bob's unit is full: " + current);
        for (int i = 0; i < 60 && tasks(current) > BOB_TASKS / 2; i++) {
            Thread.sleep(1_000);
            current = root("systemctl", "show", "-p", "TasksCurrent", UnixNames.unitName("bob"))
                    .strip();
        }
        assertEquals(
                "2",
                asBob("import signal; signal.signal(signal.SIGCHLD, signal.SIG_DFL); 1+1"),
                "once the children end, bob's server works again: " + current);
    }

    private static int tasks(String tasksCurrent) {
        return Integer.parseInt(tasksCurrent.substring("TasksCurrent=".length()));
    }

    @Test
    @Order(7)
    void aStudentsKernelWritesOnlyItsHomeAndTmp() throws Exception {
        String sitePackages = root("sh", "-c", "ls -d /opt/littlehub/user/lib/python3*/site-packages")
                .strip();
        String attack = asBob("""
                import os
                def write(path):
                    try:
                        with open(path, 'w') as f:
                            f.write('x')
                        os.remove(path)
                        return 'wrote'
                    except OSError as e:
                        return e.strerror
                ' | '.join(write(p) for p in (%s, '/srv/data/x.txt', '/etc/x.conf', '/run/lock/x',
                                              '/home/jupyter-ada/x.txt', os.path.expanduser('~/mine.txt'),
                                              '/tmp/mine.txt'))""".formatted(py(sitePackages + "/evil.py")));
        assertEquals(
                "'Read-only file system | Read-only file system | Read-only file system | Read-only file system"
                        + " | No such file or directory | wrote | wrote'",
                attack,
                "ProtectSystem=strict: the environment, /srv/data, /etc and even world-writable /run/lock are"
                        + " read-only;"
                        + " ada's home does not exist for bob; his home and /tmp are his");
        assertEquals("drwxrwxrwt", root("stat", "-c", "%A", "/run/lock").strip(), "/run/lock is writable by its mode");
        assertEquals(
                "'Operation not permitted'",
                asBob("""
                import os, shutil
                shutil.copy('/bin/true', os.path.expanduser('~/mine'))
                try:
                    os.chmod(os.path.expanduser('~/mine'), 0o4755)
                    r = 'set-uid'
                except OSError as e:
                    r = e.strerror
                r"""),
                "RestrictSUIDSGID: not even in his own home may bob make a set-uid file");
    }

    @Test
    @Order(8)
    void removeAdminEndsSudoAtOnceAndLeavesNothingOwnedByTheExAdmin() throws Exception {
        HubClient ta = laptop.signedInWithServer("ta");
        String taKernel = ta.startKernel("ta");
        String sitePackages = root("sh", "-c", "ls -d /opt/littlehub/user/lib/python3*/site-packages")
                .strip();
        String helper = sitePackages + "/ta_helper.py";
        assertEquals(
                "0",
                ta.executeIn("ta", taKernel, "import subprocess; subprocess.run(['sudo', '-n', 'true']).returncode"),
                "an admin may sudo");
        ta.executeIn(
                "ta",
                taKernel,
                "open(" + py(helper) + ", 'w').write('def grade(): return 1\\n'); "
                        + "open('/srv/data/ta-notes.txt', 'w').write('week 1'); 1");
        assertEquals(
                "jupyter-ta:jupyter-ta", root("stat", "-c", "%U:%G", helper).strip(), "an admin's install is theirs");

        String out = laptop.ok("remove-admin", "ta").out();
        assertTrue(out.contains("their server was stopped"), out);
        assertFalse(
                laptop.vm
                        .exec("systemctl", "is-active", "--quiet", UnixNames.unitName("ta"))
                        .ok(),
                "when remove-admin returns, no process of ta's server (sudo shells included) runs");
        assertFalse(root("getent", "group", "littlehub-admins").contains("jupyter-ta"), "out of the sudo group");
        assertEquals(
                "root:root\nroot:root",
                root("stat", "-c", "%U:%G", helper, "/srv/data/ta-notes.txt").strip(),
                "what ta installed is root's now");
        String asTa = root(
                "sh",
                "-c",
                "sudo -u jupyter-ta sh -c \"echo x >> " + helper + "\" 2>&1; " + "sudo -u jupyter-ta chmod 666 "
                        + helper + " 2>&1; sudo -u jupyter-ta sudo -n true 2>&1; true");
        assertTrue(
                asTa.contains("Permission denied")
                        && asTa.contains("Operation not permitted")
                        && asTa.contains("a password is required"),
                "outside any server too, ta's unix user can neither write nor chmod the file, nor sudo:\n" + asTa);
        assertEquals("def grade(): return 1\n", root("cat", helper));

        ta.startServer("ta", Duration.ofSeconds(180));
        String again = ta.execute("ta", """
                import subprocess
                try:
                    open(%s, 'a').write('def grade(): return 100\\n')
                    w = 'wrote'
                except OSError as e:
                    w = e.strerror
                import os
                (subprocess.run(['sudo', '-n', 'true'], capture_output=True).returncode, w,
                 bool(os.statvfs(%s).f_flag & os.ST_RDONLY))""".formatted(py(helper), py(helper)));
        assertEquals(
                "(1, 'Permission denied', True)",
                again,
                "back as a student: no sudo; the file is root's (and on a read-only mount behind that)");
        assertEquals("def grade(): return 1\n", root("cat", helper), "every student still imports what was there");
    }
}
