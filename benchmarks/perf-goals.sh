#!/usr/bin/env bash
# Measures issue 6's performance goals: runs the perf tool's five presets with Warren and the official client
# (alternating, PERF_ROUNDS rounds, medians), then Warren alone on nio and on epoll, all into one folder, and
# prints the goals with the measured ratios, ✓ or ✗.
#
#   benchmarks/perf-goals.sh [OUTPUT_DIR]
#
# Environment:
#   PERF_ROUNDS    rounds per preset (default 3)
#   PERF_DURATION  measured time per run, e.g. 10s (default: each preset's own, 15s or 20s)
#   PERF_WARMUP    warmup per run (default: the tool's, 5s)
#   PERF_URI       the RabbitMQ broker for the rabbit-* presets (default: the tool's, amqp://guest:guest@127.0.0.1:5672)
#   PERF_PRESETS   which presets to run (default: all five, space-separated)
#   JAVA           the java binary (default: java on the PATH)
#
# Exit status: 0 when every run completed without failures and every goal is met.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/warren-perf.jar"
java="${JAVA:-java}"
rounds="${PERF_ROUNDS:-3}"
presets="${PERF_PRESETS:-sink-publish source-consume rabbit-unroutable rabbit-1p1c rabbit-fixed-rate}"
out="${1:-perf-results/goals-$(date +%Y%m%d-%H%M%S)}"

if [[ ! -f "$jar" ]]; then
  echo "== building $jar"
  (cd "$root" && ./mvnw -q -B -pl benchmarks -am package -DskipTests)
fi
mkdir -p "$out"

common=()
[[ -n "${PERF_DURATION:-}" ]] && common+=(--duration "$PERF_DURATION")
[[ -n "${PERF_WARMUP:-}" ]] && common+=(--warmup "$PERF_WARMUP")

failed=()

# run NAME ARGS...: one invocation of the tool into $out/NAME; a failure is remembered, not fatal.
run() {
  local name="$1"
  shift
  local args=("$@" --output "$out/$name")
  [[ ${#common[@]} -gt 0 ]] && args+=("${common[@]}")
  if [[ -n "${PERF_URI:-}" && "$name" == rabbit-* ]]; then
    args+=(--uri "$PERF_URI")
  fi
  echo
  echo "== $name: warren-perf ${args[*]}"
  if ! "$java" -jar "$jar" "${args[@]}"; then
    failed+=("$name")
  fi
}

for preset in $presets; do
  run "$preset" --preset "$preset" --compare --rounds "$rounds"
done
for preset in $presets; do
  case "$preset" in
    sink-publish | source-consume | rabbit-1p1c)
      for transport in nio epoll; do
        run "$preset-warren-$transport" --preset "$preset" --client warren --transport "$transport" \
          --rounds "$rounds"
      done
      ;;
  esac
done

echo
echo "== goals ($out)"
goals_status=0
"$java" -jar "$jar" goals "$out" || goals_status=$?

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "== runs that failed or could not start: ${failed[*]}" >&2
  exit 1
fi
exit "$goals_status"
