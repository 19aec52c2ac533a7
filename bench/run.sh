#!/usr/bin/env bash
# Gatehouse benchmark: start-up to the first token (JDK 17, JDK 25, JDK 25 with an AOT cache),
# then wrk against each workload, RSS and server CPU per request. See bench/README.md.
#
#   bench/run.sh                                  # 5 s warm-up, 15 s per workload
#   DURATION=3s WARMUP=1s STARTS=1 bench/run.sh   # a quick look
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
# shellcheck source=bench/gatehouse.sh
. "$BENCH_DIR/gatehouse.sh"

STARTS=${STARTS:-3}                 # starts per variant for the start-up figures (median reported); 0 skips them
START_CPUS=${START_CPUS:-}          # e.g. 1: the starts pinned to that CPU (taskset), as in a pod limited to one
AOT=${AOT:-1}                       # 0: skip the JDK 25 start-up variants
LOAD_JDK=${LOAD_JDK:-17}            # which JVM serves the load: 17, 25 or 25aot
WORKLOADS=${WORKLOADS:-client_credentials login refresh users_me introspect jwks}
JFR_WORKLOAD=${JFR_WORKLOAD:-}      # e.g. JFR_WORKLOAD="login refresh": a JFR profile of each of those runs

mkdir -p "$TMP_DIR"
ensure_tools
gh_build
cleanup() { gh_stop; }
trap cleanup EXIT
trap 'exit 130' INT TERM

ROWS_FILE="$TMP_DIR/gh-rows.txt"
STARTUP_FILE="$TMP_DIR/gh-startup.txt"
: >"$ROWS_FILE"
: >"$STARTUP_FILE"
HEADER=$(machine_header)

gh_reset_stores

log "first start on a fresh '$GH_DB' database: seeding"
GH_MIGRATE=true gh_start "$JAVA17" "$TMP_DIR/gh-seed.log"
gh_seed "$TMP_DIR/gh-seed.log"
gh_stop

# measure_starts LABEL JAVA [JVM options...]: STARTS starts, each to its first token; the median
# wall time and the process's CPU up to that token. START_CPUS (a taskset list, e.g. 1) pins the
# server to those CPUs, as a pod's CPU limit would hold it.
measure_starts() {
    local label=$1 java=$2 i ms cpu jvm all=() cpus=()
    shift 2
    if [ -n "$START_CPUS" ]; then
        java=$(start_wrapper "$java")
    fi
    for i in $(seq 1 "$STARTS"); do
        gh_start "$java" "$TMP_DIR/gh-start-$label-$i.log" "$@"
        ms=$(gh_first_token_ms "$TMP_DIR/gh-start-$label-$i.log") || { gh_stop; die "start $label failed"; }
        cpu=$(( $(cpu_ticks "$GH_PID") * 1000 / CLK_TCK ))
        gh_stop
        jvm=$(grep -oE 'started in [0-9.]+s' "$TMP_DIR/gh-start-$label-$i.log" | head -1 | grep -oE '[0-9.]+' || echo "?")
        all+=("$ms")
        cpus+=("$cpu")
        log "$label start $i: first token after $ms ms, $cpu ms of CPU (Quarkus says started in ${jvm} s)"
    done
    local sorted
    sorted=$(printf '%s\n' "${all[@]}" | sort -n)
    printf '%-26s %8s ms   (min %s, max %s, %s starts; CPU %s ms)\n' "$label" "$(median <<<"$sorted")" \
        "$(head -1 <<<"$sorted")" "$(tail -1 <<<"$sorted")" "$STARTS" \
        "$(printf '%s\n' "${cpus[@]}" | sort -n | median)" >>"$STARTUP_FILE"
}

# start_wrapper JAVA: a script that runs JAVA under taskset -c START_CPUS (gh_start takes one command)
start_wrapper() {
    local wrapper="$TMP_DIR/java-on-cpus-$START_CPUS"
    printf '#!/bin/sh\nexec taskset -c %s %s "$@"\n' "$START_CPUS" "$1" >"$wrapper"
    chmod +x "$wrapper"
    echo "$wrapper"
}

if [ "$STARTS" -gt 0 ]; then
    log "start-up: $STARTS start(s) per variant, each timed from launching java to the first client-credentials token"
    measure_starts "JDK 17" "$JAVA17"
    if [ "$AOT" = 1 ] && [ -x "$JAVA25" ]; then
        measure_starts "JDK 25" "$JAVA25"
        gh_aot_train
        measure_starts "JDK 25 + AOT cache" "$JAVA25" -XX:AOTCache="$GH_AOT_CACHE"
    fi
elif [ "$LOAD_JDK" = 25aot ]; then
    gh_aot_train
fi

case $LOAD_JDK in
    17) LOAD_JAVA=$JAVA17; LOAD_OPTS=() ;;
    25) LOAD_JAVA=$JAVA25; LOAD_OPTS=() ;;
    25aot) LOAD_JAVA=$JAVA25; LOAD_OPTS=(-XX:AOTCache="$GH_AOT_CACHE") ;;
    *) die "LOAD_JDK is 17, 25 or 25aot" ;;
esac
CEILING="" CEILING_WARM="" RAW_HASH="" # measured next to their workloads (lib.sh, reference_before)
VERIFICATION=-
case " $WORKLOADS " in *" users_me_dpop "*)
    VERIFICATION=$(es256_verification "$LOAD_JAVA")
    log "ES256 verification (JDK, one thread): $VERIFICATION" ;;
esac
log "load: JDK $LOAD_JDK, $WARMUP warm-up then $DURATION per workload"
gh_start "$LOAD_JAVA" "$TMP_DIR/gh-load.log" "${LOAD_OPTS[@]}"
LOAD_START_MS=$(gh_first_token_ms "$TMP_DIR/gh-load.log") || die "the load instance did not start"
sleep 3
RSS_IDLE=$(rss_mb "$GH_PID")
gh_prepare_load
for w in $WORKLOADS; do
    profile=0
    case " $JFR_WORKLOAD " in *" $w "*) profile=1 ;; esac
    if [ "$profile" = 1 ]; then
        jcmd "$GH_PID" JFR.start name=bench settings=profile filename="$TMP_DIR/gh-$w.jfr" >/dev/null
    fi
    gh_measure "$w" "$LOAD_JAVA"
    profile=0
    case " $JFR_WORKLOAD " in *" $w "*) profile=1 ;; esac
    if [ "$profile" = 1 ]; then
        jcmd "$GH_PID" JFR.stop name=bench >/dev/null
        JFR_VIEW=$(command -v "$JAVA25_HOME/bin/jfr" || command -v jfr)
        "$JFR_VIEW" view --width 180 hot-methods "$TMP_DIR/gh-$w.jfr" >"$TMP_DIR/gh-$w.hot-methods.txt" 2>&1 || true
        log "JFR profile of $w: $TMP_DIR/gh-$w.jfr (hot methods in $TMP_DIR/gh-$w.hot-methods.txt)"
    fi
done
RSS_AFTER=$(rss_mb "$GH_PID")
if [ "${NMT:-0}" = 1 ]; then # GH_JAVA_OPTS must hold -XX:NativeMemoryTracking=summary
    "$(dirname "$LOAD_JAVA")/jcmd" "$GH_PID" VM.native_memory summary >"$TMP_DIR/gh-nmt.txt" 2>&1 || true
    log "native memory after the load: $TMP_DIR/gh-nmt.txt"
fi
gh_stop
references_left "$LOAD_JAVA"

OUT=$(result_file gatehouse)
{
    echo "# Gatehouse bench (bench/run.sh)"
    echo "$HEADER"
    echo "# server:      JDK $LOAD_JDK, $GH_JAVA_OPTS, signing $SIGNING_ALG, PostgreSQL db $GH_DB, Redis $GH_REDIS"
    echo
    print_rows "$ROWS_FILE"
    echo
    ceiling_line "$CEILING" "$ROWS_FILE" "$CEILING_WARM"
    login_line "$RAW_HASH" "$ROWS_FILE"
    [ "$VERIFICATION" = - ] || dpop_line "$VERIFICATION" "$ROWS_FILE"
    threads_lines "$ROWS_FILE"
    echo "errors = non-2xx responses + socket errors; CPU ms/req = server utime+stime during the measured run / requests"
    echo "login = POST /auth/login (Argon2id per request); refresh = /oauth2/token refresh_token grant with rotation, each token used once"
    echo
    echo "RSS idle:  $RSS_IDLE MB (3 s after the first token)"
    echo "RSS after: $RSS_AFTER MB (after every workload)"
    echo
    echo "process start -> first client-credentials token (client registered in an earlier start)${START_CPUS:+, the server pinned to CPU $START_CPUS}:"
    cat "$STARTUP_FILE"
    echo "load instance (JDK $LOAD_JDK):  $LOAD_START_MS ms"
    echo "first start on an empty database -> bootstrap admin's first login (Flyway, first key): ${GH_FIRST_LOGIN_MS} ms"
} >"$OUT"
echo
cat "$OUT"
echo
log "saved $OUT"
