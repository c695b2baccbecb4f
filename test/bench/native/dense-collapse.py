"""Moves the large anonymous mappings of another process onto transparent huge pages, for a measurement.

Used by test/bench/mdp-page-probe.ts (never by iterlab): V8 maps a WebAssembly memory on 4 KB pages and
nothing in JavaScript can advise otherwise, so this asks Linux from outside, with process_madvise(2) and
MADV_COLLAPSE (Linux 6.1 or later; it needs the rights to act on the process, CAP_SYS_NICE and ptrace
access, as root has). Every read-write mapping of the process with at least `min_mb` MB resident is
collapsed over its whole 2 MB-aligned part. Prints one line per mapping and the process's huge-page total.
Usage: dense-collapse.py PID [min_mb]
"""
import ctypes
import sys

SYS_PIDFD_OPEN, SYS_PROCESS_MADVISE, MADV_COLLAPSE = 434, 440, 25  # x86-64
HUGE = 1 << 21


class IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("length", ctypes.c_size_t)]


def mappings(pid):
    """(start, end, permissions, resident kB, huge-page kB) of every mapping of pid."""
    found, current = [], None
    with open(f"/proc/{pid}/smaps", encoding="ascii") as handle:
        for line in handle:
            fields = line.split()
            if "-" in fields[0] and len(fields) >= 5:
                start, end = (int(part, 16) for part in fields[0].split("-"))
                current = [start, end, fields[1], 0, 0]
                found.append(current)
            elif fields[0] == "Rss:":
                current[3] = int(fields[1])
            elif fields[0] == "AnonHugePages:":
                current[4] = int(fields[1])
    return found


def main():
    pid = int(sys.argv[1])
    min_kb = int(sys.argv[2] if len(sys.argv) > 2 else 64) * 1024
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = libc.syscall(SYS_PIDFD_OPEN, pid, 0)
    if pidfd < 0:
        sys.exit(f"pidfd_open failed, errno {ctypes.get_errno()}")
    for start, end, permissions, resident, huge in mappings(pid):
        if resident < min_kb or not permissions.startswith("rw"):
            continue
        first, last = (start + HUGE - 1) // HUGE * HUGE, end // HUGE * HUGE
        span = IoVec(first, last - first)
        done = libc.syscall(SYS_PROCESS_MADVISE, pidfd, ctypes.byref(span), 1, MADV_COLLAPSE, 0)
        error = "" if done >= 0 else f", errno {ctypes.get_errno()}"
        print(f"mapping of {resident >> 10} MB resident ({huge >> 10} MB on huge pages): collapsed {max(done, 0) >> 20} MB{error}")
    total = [line.split()[1] for line in open(f"/proc/{pid}/smaps_rollup", encoding="ascii") if "AnonHugePages" in line]
    print(f"process now has {int(total[0]) >> 10 if total else '?'} MB on huge pages")


if __name__ == "__main__":
    main()
