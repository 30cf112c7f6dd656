package io.littlehub.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.provision.HubClient;
import io.littlehub.testvm.Vm;
import io.littlehub.testvm.VmSsh;
import io.littlehub.testvm.junit.TestVm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import net.schmizz.sshj.xfer.FileSystemFile;
import org.junit.jupiter.api.Test;

/**
 * The release as a teacher uses it: installed by install.sh on a fresh VM without Java (the laptop), it provisions a
 * second fresh VM (the hub) over the test VMs' network (10.23.N.2: the host routes between VMs); the hub answers
 * /hub/health on its forwarded port, `littlehub status` on the laptop, without a terminal, exits 0 (started from the
 * class-data archive the launcher kept after the provision), and a student the
 * installed littlehub added signs in, gets a server and runs a cell.
 */
class InstallProvisionIT {
    @TestVm(backend = "nspawn")
    static Vm laptop;

    @TestVm(backend = "nspawn")
    static Vm hub;

    @Test
    void theInstalledLittlehubProvisionsASecondVm() throws Exception {
        TeacherMachine teacher = TeacherMachine.withRelease(laptop);
        assertEquals(0, teacher.install().exitCode());
        laptop.ssh()
                .client()
                .newSCPFileTransfer()
                .upload(new FileSystemFile(hub.identity().toFile()), TeacherMachine.HOME + "/hub_key");
        teacher.run("chmod 600 hub_key && printf 'class-admin-password\\n' > admin-pw && chmod 600 admin-pw");
        String address = "10.23." + hub.state().slot() + ".2";

        long t = System.nanoTime();
        VmSsh.Result provision = teacher.run(TeacherMachine.LITTLEHUB + " provision tester@" + address
                + " -i hub_key --yes --admin teacher --admin-password-file admin-pw --hub class");
        System.out.printf("provision from the laptop VM took %d s%n", (System.nanoTime() - t) / 1_000_000_000);
        assertEquals(0, provision.exitCode(), provision.stdout() + provision.stderr());

        // HTTP/1.1: the JDK's client would otherwise ask to upgrade to h2c, which the proxy takes for a websocket.
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI healthUrl = URI.create("http://127.0.0.1:" + hub.httpPort() + "/hub/health");
        HttpRequest request = HttpRequest.newBuilder(healthUrl)
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> health = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());

        // The provision reached a hub, so the launcher kept the CLI's class-data archive; the next command starts
        // from it (LittlehubCommand mapped from the archive, not read from the jar).
        assertTrue(
                teacher.run("test -s " + TeacherMachine.HOME + "/.local/share/littlehub/current/lib/littlehub.jsa")
                        .ok(),
                "the installed launcher kept a class-data archive after a provision");
        VmSsh.Result status = teacher.run(
                "JDK_JAVA_OPTIONS=-Xlog:class+load=info " + TeacherMachine.LITTLEHUB + " status < /dev/null");
        assertEquals(0, status.exitCode(), status.stdout() + status.stderr());
        assertTrue(
                status.stdout()
                        .lines()
                        .anyMatch(l -> l.contains(" io.littlehub.cli.LittlehubCommand source: shared objects file")),
                status.stdout());

        VmSsh.Result added = teacher.run(TeacherMachine.LITTLEHUB + " add-student ada < /dev/null");
        assertEquals(0, added.exitCode(), added.stdout() + added.stderr());
        HubClient ada = new HubClient("http://127.0.0.1:" + hub.httpPort());
        assertEquals(200, ada.login("ada", "ada-chooses-this").statusCode(), "first sign-in chooses the password");
        ada.startServer("ada", Duration.ofSeconds(180));
        assertEquals("20", ada.execute("ada", "5 * 4"));
    }
}
