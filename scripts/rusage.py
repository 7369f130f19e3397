"""Runs a command once and prints its wall time, CPU time (user + system) and peak resident memory, with the
microsecond resolution of getrusage (GNU time rounds CPU time to 10 ms, a tenth of a 0.1 s job's difference).
Standard output of the command goes to FILE. Usage: python3 scripts/rusage.py FILE COMMAND [ARG...]
Prints: wall_s cpu_s peak_rss_mb exit_status
"""
import os
import resource
import subprocess
import sys
import time


def main():
    out_path, command = sys.argv[1], sys.argv[2:]
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    print(f"{wall:.3f} {usage.ru_utime + usage.ru_stime:.3f} {usage.ru_maxrss / 1024:.1f} {code}")


if __name__ == "__main__":
    main()
