"""JupyterHub as jupyterhub.service runs it: JupyterHub's own command, and a process that ends once JupyterHub has.

JupyterHub's SIGTERM handler runs its cleanup (managed services such as the idle culler stopped, the database
committed, "...done" logged) and then stops its event loop; from the signal on the hub answers nothing. Python then
tears its interpreter down (every module, every object): about 0.5 s of CPU, measured on the test VM, 6-7 s at load
30-40, all of it inside a restart's gap, and systemd starts the next hub only when the process is gone. Nothing is
left to do by then, so the process ends at once, with JupyterHub's exit status 0. A hub that fails (an exception,
JupyterHub's exit) leaves as before, through Python's own exit.

Its start also skips one thing: JupyterHub imports every installed authenticator and spawner (all of oauthenticator,
ldap3, nativeauthenticator: ~350 modules, ~0.2 s of CPU) only to list them in its help and generated config; the
configured ones are imported by jupyterhub_config.py, as before.
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


def hub_class():
    """JupyterHub, listing only its base classes for help and config files (the same name: the same log lines)."""
    from jupyterhub import app
    from jupyterhub.auth import Authenticator
    from jupyterhub.crypto import CryptKeeper
    from jupyterhub.spawner import Spawner
    from traitlets import default

    class JupyterHub(app.JupyterHub):
        @default("classes")
        def _base_classes(self):
            return [Spawner, Authenticator, CryptKeeper]

    return JupyterHub


if __name__ == "__main__":
    run(hub_class().launch_instance, sys.argv[1:])
