#!/usr/bin/env bash
# The benchmark matrix of issue #3 in one command (BENCHMARKS.md):
#   bench/run.sh            3 interleaved repetitions, warm-up 3 s, 10 s measured per cell (~20 minutes)
#   bench/run.sh --quick    1 repetition, warm-up 1 s, 3 s measured (~3 minutes): to check that everything runs
# Further arguments go to BenchMain (e.g. --targets direct,switchboard --workloads select1,point); see
# `java -jar bench/target/switchboard-bench-all.jar --help`. Environment: SKIP_BUILD=1 uses the jars as built,
# PROXY_JAVA_OPTS sets the proxy JVM's options (default -Xmx128m), OUT the results folder (default bench/results).
#
# It installs PgBouncer if missing (apt-get), creates the data (bench/setup-data.sh, idempotent), builds the jars,
# starts PgBouncer and the Switchboard proxy on free loopback ports, runs the matrix, writes raw.csv,
# summary.{md,csv,json} and PNG charts into OUT, and stops what it started, also when interrupted.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. "$root/bin/.java-env"

args=()
if [[ "${1:-}" == "--quick" ]]; then
    shift
    args=(--reps 1 --warmup 1s --duration 3s)
fi
out="${OUT:-$root/bench/results}"

if ! command -v pgbouncer >/dev/null && [[ ! -x /usr/sbin/pgbouncer ]]; then
    echo "bench: installing pgbouncer" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
    # The package may start its own instance on 6432; the bench starts a separate one on a free port.
fi

bench/setup-data.sh

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    echo "bench: building" >&2
    bin/mvn -B -q package -DskipTests >&2
fi

mkdir -p "$out"
pid=""
cleanup() {
    # BenchMain stops its peers itself (also on SIGTERM, by a shutdown hook); this catches a killed JVM.
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    if [[ -f "$out/peers.pid" ]]; then
        while read -r p; do
            [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null && kill "$p" 2>/dev/null || true
        done < "$out/peers.pid"
        rm -f "$out/peers.pid"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$JAVA_HOME/bin/java" -Xmx1g -jar bench/target/switchboard-bench-all.jar run --out "$out" \
    --proxy-jar proxy-server/target/switchboard-proxy-all.jar --proxy-java-opts "${PROXY_JAVA_OPTS:--Xmx128m}" \
    "${args[@]}" "$@" &
pid=$!
status=0
wait "$pid" || status=$?
pid=""
echo "bench: results in $out (summary.md, summary.csv, summary.json, raw.csv, *.png)"
exit "$status"
