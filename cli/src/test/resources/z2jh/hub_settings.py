"""What the Zero to JupyterHub chart's own hub config makes of exported values (ChartHubConfigTest).

Loads CONFIG_FILE (a copy of the chart's jupyterhub_config.py, its paths pointed at a temporary folder) with
JupyterHub's own config loader, resolves the authenticator as JupyterHub does, builds KubeSpawner (its test mode:
no cluster) for the given users, and prints what they would run with as JSON. Every configured trait must exist on
its class: a misspelt one is listed in "unknown_traits".
"""
import asyncio
import json
import sys

from jupyterhub.app import JupyterHub
from jupyterhub.crypto import CryptKeeper
from jupyterhub.proxy import ConfigurableHTTPProxy
from kubespawner import KubeSpawner


class User:
    def __init__(self, name):
        self.name = name
        self.id = 1
        self.url = "/user/" + name


def limits_of(cfg, name):
    """The limits a user's server gets once the config's pre-spawn hook (if any) has run, as at a real spawn."""
    spawner = KubeSpawner(_mock=True, config=cfg, user=User(name))
    if spawner.pre_spawn_hook:
        spawner.pre_spawn_hook(spawner)
    traits = ("mem_limit", "mem_guarantee", "cpu_limit", "cpu_guarantee", "storage_capacity")
    return {trait: getattr(spawner, trait) for trait in traits}


async def main(config_file, names):
    # KubeSpawner makes its (never used) API client on the running event loop.
    app = JupyterHub()
    app.load_config_file(config_file)
    cfg = app.config
    auth_class = app.authenticator_class
    auth = auth_class(parent=app)
    spawner = KubeSpawner(_mock=True, config=cfg, user=User(names[0]))
    classes = {
        "JupyterHub": JupyterHub,
        "KubeSpawner": KubeSpawner,
        "Spawner": KubeSpawner,
        "ConfigurableHTTPProxy": ConfigurableHTTPProxy,
        "CryptKeeper": CryptKeeper,
        "Authenticator": auth_class,
        auth_class.__name__: auth_class,
    }
    unknown = []
    for section, values in cfg.items():
        cls = classes.get(section)
        if cls is None:
            unknown.append(section)
            continue
        traits = cls.class_traits(config=True)
        unknown.extend(f"{section}.{key}" for key in values if key not in traits)
    services = {s["name"]: s for s in cfg.JupyterHub.services}
    print(json.dumps({
        "authenticator_class": f"{auth_class.__module__}.{auth_class.__name__}",
        "allowed_users": sorted(auth.allowed_users),
        "admin_users": sorted(auth.admin_users),
        "blocked_users": sorted(auth.blocked_users),
        "allow_all": auth.allow_all,
        "base_url": app.base_url,
        "mem_limit": spawner.mem_limit,
        "mem_guarantee": spawner.mem_guarantee,
        "cpu_limit": spawner.cpu_limit,
        "cpu_guarantee": spawner.cpu_guarantee,
        "storage_capacity": spawner.storage_capacity,
        "image": spawner.image,
        "default_url": spawner.default_url,
        "uid": spawner.uid,
        "fs_gid": spawner.fs_gid,
        "volume_mounts": spawner.volume_mounts,
        "culler": services.get("jupyterhub-idle-culler", {}).get("command"),
        "claims": {name: KubeSpawner(_mock=True, config=cfg, user=User(name)).pvc_name for name in names},
        "per_user": {name: limits_of(cfg, name) for name in names},
        "unknown_traits": unknown,
    }, default=repr))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2:]))
