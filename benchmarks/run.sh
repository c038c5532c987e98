#!/usr/bin/env bash
# Runs Weft's JMH suite and writes JSON results into benchmarks/results/. When benchmarks/target/benchmarks.jar
# is missing it builds it first (./mvnw -pl benchmarks -am package -DskipTests); after changing the code, rebuild
# it with that command (run.sh does not check whether the jar is current).
#
# Usage: benchmarks/run.sh [SUBSET] [extra JMH options...]
#   all        every benchmark, with -prof gc (default)                about 46 min on 2 CPUs
#   scheduler  everything but GEMM, with -prof gc (bytes per task)     about 15 min
#   gemm       GemmBenchmark only                                      about 31 min
#   alloc      TaskAllocationBenchmark with -prof gc                   about 1.5 min
#   REGEX      any JMH include pattern, e.g. FibBenchmark or 'Fib|NQueens'
# Extra options go to JMH unchanged, e.g.  benchmarks/run.sh FibBenchmark -p n=25 -f 1
#
# Environment: JAVA (default: java on PATH) picks the JDK.
# Writes results/<subset>-<UTC time>.json, a .md of ratio tables made from it (dev.weft.benchmarks.report.Report)
# and a .env.txt describing the machine (for docs/PERFORMANCE.md). Run it alone on an idle machine.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/benchmarks.jar"
java_cmd="${JAVA:-java}"

subset="${1:-all}"
if [[ $# -gt 0 ]]; then shift; fi

case "$subset" in
  all)       select=(-prof gc) ;;
  scheduler) select=(-e GemmBenchmark -prof gc) ;;
  gemm)      select=(GemmBenchmark) ;;
  alloc)     select=(TaskAllocationBenchmark -prof gc) ;;
  -*)        echo "run.sh: the first argument is the subset (all, scheduler, gemm, alloc or a regex), got '$subset'" >&2
             exit 2 ;;
  *)         select=("$subset") ;;
esac

# The JDK first: a wrong JAVA (a JDK folder instead of its bin/java, a typo) must say so, not fail silently.
if ! java_version="$("$java_cmd" -version 2>&1)"; then
  echo "run.sh: JAVA=$java_cmd does not run as java (give the java executable, e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java): $(printf '%s' "$java_version" | head -n 1)" >&2
  exit 2
fi

if [[ ! -f "$jar" ]]; then
  echo "run.sh: $jar is missing; building it: ./mvnw -pl benchmarks -am package -DskipTests" >&2
  if ! (cd "$here/.." && ./mvnw -q -B -pl benchmarks -am package -DskipTests); then
    echo "run.sh: the build failed (see above); nothing was measured" >&2
    exit 2
  fi
fi

results="$here/results"
mkdir -p "$results"
name="$(printf '%s' "$subset" | tr -c 'A-Za-z0-9._-' '_')"
base="$results/$name-$(date -u +%Y%m%dT%H%M%SZ)"

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "command: run.sh $subset $*"
  echo "git: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "kernel: $(uname -srm)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo unknown)"
  echo "cpus available: $(nproc 2>/dev/null || echo unknown)"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  echo "java:"
  printf '%s\n' "$java_version" | sed 's/^/  /'
} > "$base.env.txt"

echo "run.sh: results go to $base.json"
jmh_status=0
"$java_cmd" -jar "$jar" "${select[@]}" "$@" -rf json -rff "$base.json" || jmh_status=$?
if ! grep -q '"benchmark"' "$base.json" 2>/dev/null; then
  rm -f "$base.json" "$base.env.txt"
  echo "run.sh: nothing was measured (no benchmark matched, or every one failed: see JMH's output above); no result files kept" >&2
  exit 1
fi

report() { "$java_cmd" -cp "$jar" dev.weft.benchmarks.report.Report "$@" "$base.json"; }
{
  report
  # Results that live in percentiles or auxiliary counters (each prints nothing when its benchmark did not run).
  report --only WakeUpLatencyBenchmark --percentile 0.99
  report --only StealLatencyBenchmark --metric forkToStartNanos/steals
  report --only IdleCpuBenchmark --metric workerCpuMicros/wallMillis
  report --only GemmBenchmark --metric gflop
  if grep -q '"gc.alloc.rate.norm"' "$base.json"; then
    report --only 'TaskAllocationBenchmark|SubmissionBenchmark' --metric gc.alloc.rate.norm
  fi
} > "$base.md"
echo "run.sh: ratio tables in $base.md"
if (( jmh_status != 0 )); then
  echo "run.sh: JMH exited with status $jmh_status; the results it wrote are kept" >&2
  exit "$jmh_status"
fi
