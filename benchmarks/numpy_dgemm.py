#!/usr/bin/env python3
"""numpy's DGEMM speed at the sizes of GemmBenchmark: the OpenBLAS (or MKL) ceiling for docs/PERFORMANCE.md.

Prints GFLOPS (2 n^3 flops per product) for n = 256, 512, 1024, 2048 on 1 and 2 BLAS threads, as the median
of repeated C = A @ B on random float64 matrices after one warm-up product. Each thread count runs in a fresh
interpreter, since OpenBLAS reads OPENBLAS_NUM_THREADS (and OMP_NUM_THREADS, MKL_NUM_THREADS) only at import.
When numpy is not importable it says so and exits 0.

    python3 benchmarks/numpy_dgemm.py                       # the full table, about 1 minute
    python3 benchmarks/numpy_dgemm.py --sizes 64 --seconds 0.05 --threads 1   # a quick check that it runs

Run it alone on an idle machine, like the JMH suite.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

SIZES = (256, 512, 1024, 2048)
THREADS = (1, 2)


def measure(n, seconds):
    import numpy as np
    rng = np.random.default_rng(n)
    a = rng.uniform(-1.0, 1.0, (n, n))
    b = rng.uniform(-1.0, 1.0, (n, n))
    c = np.empty((n, n))
    np.matmul(a, b, out=c)  # warm-up: page faults, BLAS thread start
    times = []
    deadline = time.perf_counter() + seconds
    while len(times) < 3 or time.perf_counter() < deadline:
        t0 = time.perf_counter()
        np.matmul(a, b, out=c)
        times.append(time.perf_counter() - t0)
    return 2.0 * n ** 3 / statistics.median(times) / 1e9, len(times)


def blas_info(np):
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # older numpy: no dict form
        return "BLAS unknown"


def worker(args):
    try:
        import numpy as np
    except ImportError as e:
        print(f"numpy is not importable ({e}); no ceiling to report")
        return 0
    for n in args.sizes:
        gflops, reps = measure(n, args.seconds)
        print(f"| {n} | {args.worker} | {gflops:.1f} | {reps} |", flush=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description="numpy DGEMM GFLOPS at GemmBenchmark's sizes")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="matrix sizes n")
    parser.add_argument("--threads", type=int, nargs="+", default=list(THREADS), help="BLAS thread counts")
    parser.add_argument("--seconds", type=float, default=2.0, help="time spent per size (at least 3 products)")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if any(n < 1 for n in args.sizes) or any(t < 1 for t in args.threads) or args.seconds <= 0:
        parser.error("sizes and threads must be >= 1 and seconds > 0")
    if args.worker is not None:
        return worker(args)

    try:
        import numpy as np
    except ImportError as e:
        print(f"NOTE: numpy is not importable here ({e}): no OpenBLAS ceiling measured. "
              "Install numpy (pip install numpy) to compare GemmBenchmark with it.")
        return 0
    print(f"numpy {np.__version__} ({blas_info(np)}), python {sys.version.split()[0]}")
    print("| n | threads | GFLOPS | products timed |")
    print("|---|---|---|---|")
    for t in args.threads:
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(t), OMP_NUM_THREADS=str(t), MKL_NUM_THREADS=str(t))
        cmd = [sys.executable, os.path.abspath(__file__), "--worker", str(t), "--seconds", str(args.seconds),
               "--sizes", *map(str, args.sizes)]
        subprocess.run(cmd, env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
