"""Unit tests of templates/littlehub_signin_throttle.py (run by SigninThrottleTest with python3 -m unittest)."""
import unittest

from littlehub_signin_throttle import Throttle, client_address, wait_words


def throttle(max_keys=100_000):
    return Throttle(failures_per_name=5, failures_per_address=30, window=300, lockout=60, max_lockout=3600,
                    max_keys=max_keys)


class NameLockout(unittest.TestCase):
    def test_five_failures_lock_the_name_for_a_minute(self):
        t = throttle()
        for i in range(4):
            t.failed("ada", "10.0.0.1", 100 + i)
            self.assertEqual((0, None), t.retry_after("ada", "10.0.0.1", 100 + i))
        t.failed("ada", "10.0.0.1", 104)
        self.assertEqual((60, "name"), t.retry_after("ada", "10.0.0.1", 104))
        self.assertEqual((60, "name"), t.retry_after("ada", "10.0.0.99", 104), "from any address")
        self.assertEqual((0, None), t.retry_after("bob", "10.0.0.2", 104), "another name from elsewhere may try")
        self.assertEqual((0, None), t.retry_after("ada", "10.0.0.1", 164), "the wait is over")

    def test_each_further_lockout_lasts_twice_as_long_up_to_the_longest(self):
        t = throttle()
        now = 0
        lengths = []
        for _ in range(8):
            for _ in range(5):
                t.failed("ada", "10.0.0.1", now)
            wait, _ = t.retry_after("ada", "10.0.0.1", now)
            lengths.append(wait)
            now += wait
        self.assertEqual([60, 120, 240, 480, 960, 1920, 3600, 3600], lengths)

    def test_failures_older_than_the_window_do_not_count(self):
        t = throttle()
        for i in range(4):
            t.failed("ada", "10.0.0.1", i)
        t.failed("ada", "10.0.0.1", 400)
        self.assertEqual((0, None), t.retry_after("ada", "10.0.0.1", 400))

    def test_a_success_clears_the_name_but_not_the_address(self):
        t = throttle()
        for i in range(29):
            t.failed(f"guess{i % 4}", "10.0.0.1", i)
        t.succeeded("guess0", "10.0.0.1", 30)
        t.failed("guess0", "10.0.0.1", 31)
        self.assertEqual((60, "address"), t.retry_after("anyone", "10.0.0.1", 31))

    def test_a_long_quiet_time_after_a_lockout_starts_again_at_the_first_length(self):
        t = throttle()
        for _ in range(5):
            t.failed("ada", "10.0.0.1", 0)
        for _ in range(5):
            t.failed("ada", "10.0.0.1", 60 + 3601)
        self.assertEqual(60, t.retry_after("ada", "10.0.0.1", 60 + 3601)[0])


class AddressLockout(unittest.TestCase):
    def test_thirty_failures_from_one_address_lock_it_for_every_name(self):
        t = throttle()
        for i in range(30):
            t.failed(f"name{i}", "203.0.113.7", i)
        self.assertEqual((30, "address"), t.retry_after("ada", "203.0.113.7", 59))
        self.assertEqual((0, None), t.retry_after("ada", "203.0.113.8", 59), "other addresses are not locked")

    def test_the_table_stays_small_forgetting_quiet_records_first(self):
        t = throttle(max_keys=10)
        for i in range(100):
            t.failed(f"name{i}", "10.0.0.1", 10_000 * i)
        self.assertLessEqual(len(t._records), 10)


class ClientAddress(unittest.TestCase):
    def test_behind_the_proxy_the_last_entry_is_the_client(self):
        self.assertEqual("198.51.100.4", client_address("198.51.100.4", "127.0.0.1"))

    def test_forged_entries_in_front_are_ignored(self):
        self.assertEqual("198.51.100.4", client_address("1.2.3.4, 5.6.7.8,198.51.100.4", "127.0.0.1"))

    def test_a_request_that_bypassed_the_proxy_counts_as_its_peer(self):
        self.assertEqual("127.0.0.1", client_address("", "127.0.0.1"))

    def test_ipv6_counts_per_64_and_mapped_ipv4_as_ipv4(self):
        self.assertEqual("2001:db8:1:2::/64", client_address("2001:db8:1:2:aaaa::1", "127.0.0.1"))
        self.assertEqual("2001:db8:1:2::/64", client_address("2001:db8:1:2:bbbb::2", "127.0.0.1"))
        self.assertEqual("10.23.1.1", client_address("::ffff:10.23.1.1", "127.0.0.1"))

    def test_garbage_is_one_shared_address(self):
        self.assertEqual("invalid", client_address("not-an-address", "127.0.0.1"))


class WaitWords(unittest.TestCase):
    def test_rounded_up_in_words(self):
        self.assertEqual("1 second", wait_words(0.2))
        self.assertEqual("45 seconds", wait_words(44.1))
        self.assertEqual("2 minutes", wait_words(61))
        self.assertEqual("1 hour", wait_words(3600))
        self.assertEqual("1 hour 5 minutes", wait_words(3900))


if __name__ == "__main__":
    unittest.main()
