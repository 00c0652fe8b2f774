"""Capirca in one process: parse definitions and policy, render iptables, `runs` times after a
warm-up; prints the median wall and CPU milliseconds as JSON (the CLI benchmark's in-process
figure for Capirca, beside Portolan's).  usage: capirca_inprocess.py DEFS_DIR POLICY_FILE RUNS"""
import json
import statistics
import sys
import time

from capirca.lib import iptables, naming, policy


def render(defs_dir, pol_text):
    defs = naming.Naming(defs_dir)
    pol = policy.ParsePolicy(pol_text, defs, optimize=False)
    return str(iptables.Iptables(pol, 2))


def main():
    defs_dir, pol_file, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(pol_file) as f:
        text = f.read()
    out = render(defs_dir, text)
    wall, cpu = [], []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        render(defs_dir, text)
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    print(json.dumps({"median_ms": round(statistics.median(wall), 2), "cpu_ms": round(statistics.median(cpu), 2), "lines": out.count("\n")}))


if __name__ == "__main__":
    main()
