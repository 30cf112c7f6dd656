"""Whether this VM has room for one more user server: memory and the disk of the homes.

jupyterhub_config.py's pre-spawn hook asks before each start. Without room JupyterHub shows the student "Spawn
failed:" and our sentence at once, instead of a start that times out after two minutes (memory) or a server that
cannot write its first file (a full disk). Pure functions on numbers and /proc text, and the readers of those.
"""
import os
import shutil

MIB = 1 << 20
# A server's start: jupyterhub-singleuser and JupyterLab use about 100 MB, a kernel 60-90 MB more (190 MB measured
# with one kernel).
SERVER_START_BYTES = 256 * MIB
# Below this a new home's first files (JupyterLab's workspace, the kernel's connection file) may not fit.
HOME_DISK_BYTES = 64 * MIB


def meminfo_available(meminfo_text):
    """MemAvailable of /proc/meminfo, in bytes (None if the kernel does not report it)."""
    for line in meminfo_text.splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return None


def cgroup_room(limit_text, usage_text, stat_text):
    """What the machine's own memory cgroup still allows (cgroup v1 limit_in_bytes/usage_in_bytes/memory.stat, v2
    memory.max/memory.current/memory.stat), or None without a limit. A container or test VM is "small" through such a
    limit. The usage counts the page cache; its inactive files are given back before anything is killed."""
    limit = limit_text.strip()
    if limit in ("", "max") or int(limit) >= 1 << 60:
        return None
    stat = dict(line.split() for line in stat_text.splitlines() if len(line.split()) == 2)
    reclaimable = int(stat.get("total_inactive_file", stat.get("inactive_file", "0")))
    return max(0, int(limit) - int(usage_text.strip()) + reclaimable)


def memory_free(meminfo_text, cgroup_rooms):
    """The smaller of what the kernel and every limiting cgroup still give."""
    known = [m for m in [meminfo_available(meminfo_text), *cgroup_rooms] if m is not None]
    return min(known) if known else None


def refusal(memory_bytes, disk_bytes):
    """The sentence a student sees when the VM has no room for their server, or None."""
    if memory_bytes is not None and memory_bytes < SERVER_START_BYTES:
        return (f"This hub's machine is out of memory ({memory_bytes // MIB} MiB free, a server needs "
                f"{SERVER_START_BYTES // MIB} MiB): try again when others have stopped their servers, or tell your "
                "teacher (littlehub status shows who uses it).")
    if disk_bytes is not None and disk_bytes < HOME_DISK_BYTES:
        return (f"The disk of the students' files is full ({disk_bytes // MIB} MiB free): tell your teacher "
                "(littlehub doctor names who uses the space).")
    return None


def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def _cgroup_rooms():
    v1 = "/sys/fs/cgroup/memory/memory."
    v2 = "/sys/fs/cgroup/memory."
    rooms = []
    for limit_path, usage_path, stat_path in [(v1 + "limit_in_bytes", v1 + "usage_in_bytes", v1 + "stat"),
                                              (v2 + "max", v2 + "current", v2 + "stat")]:
        limit, usage = _read(limit_path), _read(usage_path)
        if limit is not None and usage is not None:
            rooms.append(cgroup_room(limit, usage, _read(stat_path) or ""))
    return rooms


def refusal_now(home_parent="/home"):
    """refusal() for this machine now."""
    disk = shutil.disk_usage(home_parent).free if os.path.isdir(home_parent) else None
    return refusal(memory_free(_read("/proc/meminfo") or "", _cgroup_rooms()), disk)
