package io.littlehub.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiskFreeTest {
    private static final List<String> PATHS = List.of("/home", "/opt/littlehub");

    @Test
    void oneFilesystemHoldingBothPathsIsOneDisk() {
        // Captured: `df -P --block-size=1 /home /opt/littlehub` on a test VM.
        String df = """
                Filesystem         1-blocks        Used   Available Capacity Mounted on
                overlay        270553174016 19046453248 78746841088      20% /
                overlay        270553174016 19046453248 78746841088      20% /
                """;
        assertEquals(List.of(new HubStatus.Disk("/", PATHS, 270553174016L, 78746841088L)), DiskFree.disks(df, PATHS));
    }

    @Test
    void homesOnTheirOwnDiskAreTheirOwnLine() {
        String df = """
                Filesystem     1-blocks       Used  Available Capacity Mounted on
                /dev/sdb1    1055762432  104857600  897224704      11% /home
                /dev/sda1   26241896448 5368709120 19783802880      22% /
                """;
        assertEquals(
                List.of(
                        new HubStatus.Disk("/home", List.of("/home"), 1055762432L, 897224704L),
                        new HubStatus.Disk("/", List.of("/opt/littlehub"), 26241896448L, 19783802880L)),
                DiskFree.disks(df, PATHS));
    }

    @Test
    void deviceNamesAndMountPointsWithSpacesAreRead() {
        String df = "Filesystem 1-blocks Used Available Capacity Mounted on\n"
                + "my disk 1000 400 600 40% /mnt/course data\n" + "my disk 1000 400 600 40% /mnt/course data\n";
        assertEquals("/mnt/course data", DiskFree.disks(df, PATHS).get(0).mount());
    }

    @Test
    void aMissingLineIsAProblem() {
        String df = "Filesystem 1-blocks Used Available Capacity Mounted on\n/dev/sda1 1000 400 600 40% /\n";
        assertThrows(IllegalArgumentException.class, () -> DiskFree.disks(df, PATHS));
    }
}
