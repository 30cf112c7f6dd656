"""Unit tests of templates/littlehub_capacity.py (run by SigninThrottleTest with the templates folder on the path)."""
import unittest

from littlehub_capacity import MIB, cgroup_room, meminfo_available, memory_free, refusal

MEMINFO = "MemTotal:        2000000 kB\nMemFree:          100000 kB\nMemAvailable:     512000 kB\n"


class CapacityTest(unittest.TestCase):
    def test_meminfo_available_in_bytes(self):
        self.assertEqual(512000 * 1024, meminfo_available(MEMINFO))
        self.assertIsNone(meminfo_available("MemTotal: 1 kB\n"))

    def test_cgroup_room_is_limit_minus_usage_or_none_without_a_limit(self):
        self.assertEqual(300 * MIB, cgroup_room(f"{1024 * MIB}\n", f"{724 * MIB}\n", ""))
        self.assertEqual(0, cgroup_room(f"{100 * MIB}\n", f"{200 * MIB}\n", ""))
        self.assertIsNone(cgroup_room("max\n", "12345\n", ""))
        self.assertIsNone(cgroup_room("9223372036854771712\n", "12345\n", ""))

    def test_inactive_page_cache_counts_as_room(self):
        v1 = f"cache {500 * MIB}\ninactive_file 0\ntotal_inactive_file {200 * MIB}\n"
        self.assertEqual(500 * MIB, cgroup_room(f"{1024 * MIB}", f"{724 * MIB}", v1))
        v2 = f"anon {400 * MIB}\ninactive_file {100 * MIB}\n"
        self.assertEqual(400 * MIB, cgroup_room(f"{1024 * MIB}", f"{724 * MIB}", v2))

    def test_memory_free_is_the_smallest_known(self):
        self.assertEqual(100 * MIB, memory_free(MEMINFO, [None, 100 * MIB]))
        self.assertEqual(512000 * 1024, memory_free(MEMINFO, [None]))
        self.assertIsNone(memory_free("", []))

    def test_refusal_names_what_is_missing(self):
        self.assertIsNone(refusal(1024 * MIB, 10 * 1024 * MIB))
        self.assertIsNone(refusal(None, None))
        memory = refusal(100 * MIB, 10 * 1024 * MIB)
        self.assertIn("out of memory (100 MiB free, a server needs 256 MiB)", memory)
        disk = refusal(1024 * MIB, 10 * MIB)
        self.assertIn("disk of the students' files is full (10 MiB free)", disk)
        self.assertIn("littlehub doctor names who uses the space", disk)


if __name__ == "__main__":
    unittest.main()
