#!/usr/bin/env bash
# Runs every JMH benchmark of Warren (codec and end-to-end) with the GC profiler and writes JMH's JSON results.
#
#   benchmarks/jmh-all.sh [extra JMH options...]
#
# Builds benchmarks/target/benchmarks.jar first when it is missing or older than a source file. Environment:
#   AMQP_URI     the RabbitMQ broker of the broker benchmarks (default amqp://guest:guest@127.0.0.1:5672/%2f)
#   RESULTS      where to write the JSON results (default benchmarks/target/jmh/results-<date>-<time>.json)
#   MVN_FLAGS    extra Maven flags for the build, e.g. "-o" to build offline
#   JAVA         the java command (default: java)
# Extra arguments go to JMH after the defaults, so they can override them (e.g. -f 2), or leave benchmarks
# out (-e REGEX).
# The benchmarks' own annotations set forks and iterations: 33 configurations, one fork each, about 7 to 8
# minutes in all (codec 13 x 16 s, end-to-end 20 x 8 s, plus JVM start, connecting and closing per fork).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$script_dir")"
jar="$script_dir/target/benchmarks.jar"
java_cmd="${JAVA:-java}"
start=$SECONDS

report_elapsed() {
    local status=$?
    local elapsed=$((SECONDS - start))
    printf 'jmh-all: elapsed %dm%02ds (exit status %d)\n' $((elapsed / 60)) $((elapsed % 60)) "$status" >&2
}
trap report_elapsed EXIT

jar_is_stale() {
    [[ -f "$jar" ]] || return 0
    local newer
    # Any main source or POM of the modules the jar is made of that is newer than the jar (rebuild when unsure).
    newer="$(find "$root/pom.xml" "$root/client-codec" "$root/client-core" "$root/client-epoll" "$root/benchmarks" \
        \( -path '*/target' -prune \) -o \
        \( \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print -quit \))" || return 0
    [[ -n "$newer" ]]
}

if jar_is_stale; then
    read -r -a mvn_flags <<< "${MVN_FLAGS:-}"
    echo "jmh-all: building $jar" >&2
    (cd "$root" && ./mvnw -B -q "${mvn_flags[@]}" -pl benchmarks -am package -DskipTests)
fi

results="${RESULTS:-$script_dir/target/jmh/results-$(date +%Y%m%d-%H%M%S).json}"
mkdir -p "$(dirname "$results")"
echo "jmh-all: results go to $results" >&2

# Called through org.openjdk.jmh.Main rather than the jar's Main-Class, which another entry point may take over.
"$java_cmd" -cp "$jar" org.openjdk.jmh.Main 'dev\.warren\.amqp\.benchmarks\.' \
    -prof gc -rf json -rff "$results" "$@"
