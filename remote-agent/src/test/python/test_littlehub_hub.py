"""Unit tests of templates/littlehub_hub.py (run by SigninThrottleTest, templates on the path)."""
import io
import unittest

from littlehub_hub import run


class Stream(io.StringIO):
    def __init__(self, log):
        super().__init__()
        self.log = log

    def flush(self):
        self.log.append(("flush", self.getvalue()))


class HubLauncherTest(unittest.TestCase):
    def test_the_process_ends_with_0_once_jupyterhub_has_stopped_its_output_flushed_first(self):
        log = []
        out, err = Stream(log), Stream(log)
        run(lambda argv: log.append(("jupyterhub", argv)), ["--config=c.py", "--upgrade-db"],
            end=lambda status: log.append(("end", status)), streams=(out, err))
        self.assertEqual(("jupyterhub", ["--config=c.py", "--upgrade-db"]), log[0])
        self.assertEqual(("end", 0), log[-1], "ended, not left to the interpreter's teardown")
        self.assertEqual(["flush", "flush"], [entry[0] for entry in log[1:-1]], "both streams flushed before the end")
        self.assertIn("JupyterHub has stopped", err.getvalue())

    def test_a_hub_that_fails_leaves_through_pythons_own_exit(self):
        ended = []

        def failing(argv):
            raise SystemExit(1)

        with self.assertRaises(SystemExit) as exit:
            run(failing, [], end=ended.append, streams=(Stream([]),))
        self.assertEqual(1, exit.exception.code)
        self.assertEqual([], ended, "a failure keeps its status: no exit 0")


if __name__ == "__main__":
    unittest.main()
