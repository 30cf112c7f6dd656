"""JupyterHub as jupyterhub.service runs it: JupyterHub's own command, and a process that ends once JupyterHub has.

JupyterHub's SIGTERM handler runs its cleanup (managed services such as the idle culler stopped, the database
committed, "...done" logged) and then stops its event loop; from the signal on the hub answers nothing. Python then
tears its interpreter down (its exit hooks, every module, the garbage), and systemd counts the hub stopped, and
starts the next one, only when the process is gone: measured on the test VM, seconds more (5-10 s at load 20-30), all
of it inside a restart's gap. Nothing is left to do by then, so the process ends at once, with JupyterHub's
exit status 0. A hub that fails (an exception, JupyterHub's exit) leaves as before, through Python's own exit.
"""
import os
import sys


def run(launch, argv, end=os._exit, streams=(sys.stdout, sys.stderr)):
    """Runs JupyterHub (LAUNCH, its launch_instance) with ARGV; when it returns, flushes STREAMS and ENDs with 0."""
    launch(argv)
    print("littlehub_hub: JupyterHub has stopped; its process ends now", file=streams[-1])
    for stream in streams:
        stream.flush()
    end(0)


if __name__ == "__main__":
    from jupyterhub.app import JupyterHub

    run(JupyterHub.launch_instance, sys.argv[1:])
