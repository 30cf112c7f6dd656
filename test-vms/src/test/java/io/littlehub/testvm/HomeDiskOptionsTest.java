package io.littlehub.testvm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A home disk's filesystem: ext4 or btrfs, and only with a size; anything else is refused naming the fix. */
class HomeDiskOptionsTest {
    @Test
    void onlyExt4OrBtrfsAndOnlyWithASize() {
        TestVms.UpOptions plain = TestVms.UpOptions.defaults();
        TestVms.checkHomeDiskFs(plain);
        TestVms.checkHomeDiskFs(plain.withHomeDisk(400).withHomeDiskFs("btrfs"));
        TestVms.checkHomeDiskFs(plain.withHomeDisk(160).withHomeDiskFs("ext4"));
        String xfs = assertThrows(
                        HarnessException.class,
                        () -> TestVms.checkHomeDiskFs(plain.withHomeDisk(400).withHomeDiskFs("xfs")))
                .getMessage();
        assertTrue(xfs.contains("use ext4 or btrfs"), xfs);
        String sizeless = assertThrows(
                        HarnessException.class, () -> TestVms.checkHomeDiskFs(plain.withHomeDiskFs("btrfs")))
                .getMessage();
        assertTrue(sizeless.contains("--home-disk-mb"), sizeless);
    }
}
