package org.ferrymq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MountTableTest {
    private static final MountTable MOUNTS = MountTable.parse(List.of(
            "/dev/vda / ext4 rw,relatime 0 0",
            "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0",
            "tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0",
            "tmpfs /tmp tmpfs rw,nosuid,nodev 0 0",
            "/dev/vdb /tmp/big\\040disk xfs rw 0 0"));

    @Test
    void theLongestMountPointHoldingThePathWins() {
        assertEquals("ext4 on /dev/vda", MOUNTS.describe(Path.of("/work/wt/benchmarks/target/broker-data")));
        assertTrue(MOUNTS.mountOf(Path.of("/tmp/ferrymq-bench")).orElseThrow().inMemory());
        assertEquals("tmpfs on tmpfs, IN MEMORY: fsync is free", MOUNTS.describe(Path.of("/tmp/x")));
        assertFalse(MOUNTS.mountOf(Path.of("/tmp/big disk/data")).orElseThrow().inMemory());
        assertEquals("xfs on /dev/vdb", MOUNTS.describe(Path.of("/tmp/big disk/data")));
    }

    @Test
    void aPrefixThatIsNotADirectoryBoundaryDoesNotCount() {
        assertEquals("ext4 on /dev/vda", MOUNTS.describe(Path.of("/tmpfoo/data")));
    }

    @Test
    void withoutAMountTableTheFilesystemIsUnknown() {
        assertEquals("unknown filesystem", MountTable.parse(List.of()).describe(Path.of("/x")));
    }
}
