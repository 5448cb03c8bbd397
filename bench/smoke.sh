#!/usr/bin/env bash
# CI smoke of the bench (issue #3): every workload for ~1.5 s against PostgreSQL directly and through the Switchboard
# proxy, on tiny data (bench/setup-data.sh --smoke). Fails only if something does not run or an operation fails;
# it asserts no timing. Needs PostgreSQL on 127.0.0.1:5432 and its superuser postgres (over 127.0.0.1 with trust, or
# as the postgres OS user): bench/setup-data.sh makes the roles and data. SKIP_BUILD=1 uses the jars as built.
# Takes well under a minute.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. "$root/bin/.java-env"

bench/setup-data.sh --smoke
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    bin/mvn -B -q package -DskipTests >&2
fi
out="$(mktemp -d -t sb-bench-smoke-XXXXXX)"
pid=""
cleanup() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    if [[ -f "$out/peers.pid" ]]; then
        while read -r p; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done < "$out/peers.pid"
    fi
    rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$JAVA_HOME/bin/java" -Xmx512m -jar bench/target/switchboard-bench-all.jar run --smoke true --charts false \
    --out "$out" --targets "${SMOKE_TARGETS:-direct,switchboard}" --reps 1 --warmup 500ms --duration 1s \
    --threads 2 --database bench_smoke --scale 1 --tenant-prefix smoke_tenant_ --tenants 5 --budget 4 \
    --proxy-jar proxy-server/target/switchboard-proxy-all.jar --proxy-java-opts "-Xmx256m" &
pid=$!
status=0
wait "$pid" || status=$?
pid=""
if [[ $status -eq 0 ]]; then echo "bench smoke: ok"; else echo "bench smoke: FAILED (status $status)" >&2; fi
exit "$status"
