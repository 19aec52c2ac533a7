# Shared by bench/run.sh and bench/compare-keycloak.sh (sourced, not run).
# Everything here talks to 127.0.0.1 only, and every wait is bounded in time.

BENCH_DIR=${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
ROOT_DIR=$(cd "$BENCH_DIR/.." && pwd)
TMP_DIR="$BENCH_DIR/results/tmp"
LUA="$BENCH_DIR/wrk/bench.lua"

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
# client_credentials_warm: the load before its measured run, after client_credentials' own (0 skips it)
JIT_WARMUP=${JIT_WARMUP:-30s}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-16}
CLK_TCK=$(getconf CLK_TCK)

JAVA17=${JAVA17:-$(command -v java)}
JAVA25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA25="$JAVA25_HOME/bin/java"

# Argon2id for the bench: Keycloak's defaults (7 MiB, 5 iterations, 1 lane), on both systems.
ARGON2_MEMORY_KIB=${ARGON2_MEMORY_KIB:-7168}
ARGON2_ITERATIONS=${ARGON2_ITERATIONS:-5}
ARGON2_PARALLELISM=${ARGON2_PARALLELISM:-1}

# What the JVM container image runs with in a pod of GH_POD_MEMORY (384m, the size it is made
# for): -XX:MaxRAM stands for the pod's memory limit (the JVM sizes its heap from either alike, and
# this host has 24 GiB), then run-java.sh's own options (its heap ratio: the Dockerfile's
# JAVA_MAX_MEM_RATIO, 80 % when it sets none, as JvmImageOptionsTest reads it; and its heap-free
# ratios), then the image's own -XX and -Xlog options, read from
# src/main/docker/Dockerfile.jvm (GC_CONTAINER_OPTIONS and GATEHOUSE_JVM_OPTS; the files they name
# are taken from src/main/docker/, the -D options left out, since the bench sets the HTTP host and
# logging itself).
image_jvm_opts() {
    sed -nE 's/^ENV (GC_CONTAINER_OPTIONS|GATEHOUSE_JVM_OPTS)="(.*)"$/\2/p' "$ROOT_DIR/src/main/docker/Dockerfile.jvm" \
        | tr ' ' '\n' | grep -E '^-(XX|Xlog):' | sed "s#=/deployments/#=$ROOT_DIR/src/main/docker/#" | paste -sd ' '
}
run_java_heap_ratio() {
    local ratio
    ratio=$(sed -nE 's/^ENV JAVA_MAX_MEM_RATIO=([0-9]+)$/\1/p' "$ROOT_DIR/src/main/docker/Dockerfile.jvm")
    echo "-XX:MaxRAMPercentage=${ratio:-80}.0"
}
GH_POD_MEMORY=${GH_POD_MEMORY:-384m}
GH_JAVA_OPTS=${GH_JAVA_OPTS:--XX:MaxRAM=$GH_POD_MEMORY $(run_java_heap_ratio) -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError $(image_jvm_opts)}

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# "15s" / "1m" / "15" -> whole seconds
seconds_of() {
    local d=$1
    case "$d" in
        *ms) echo 1 ;;
        *s) echo "${d%s}" ;;
        *m) echo $(( ${d%m} * 60 )) ;;
        *h) echo $(( ${d%h} * 3600 )) ;;
        *) echo "$d" ;;
    esac
}

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat; the command
# name in field 2 may hold spaces, so count from after its closing parenthesis).
cpu_ticks() {
    local stat
    stat=$(cat "/proc/$1/stat")
    stat=${stat##*) }
    awk '{ print $12 + $13 }' <<<"$stat"
}

# median: the median of the sorted numbers on stdin (for an even count, the whole-number mean of the middle two)
median() { awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# store_ticks NAME: utime + stime of every process of that name (PostgreSQL's server and its
# backends, redis-server), in clock ticks; a process that ends in between drops out of the sum,
# which at worst makes a figure too low
store_ticks() {
    local p t=0
    for p in $(pgrep -x "$1"); do t=$((t + $(cpu_ticks "$p" 2>/dev/null || echo 0))); done
    echo "$t"
}

# per_request TICKS REQUESTS: milliseconds of CPU per request, or - when there were none
per_request() { awk -v d="$1" -v t="$CLK_TCK" -v r="$2" 'BEGIN { if (r > 0) printf "%.3f", d * 1000 / t / r; else print "-" }'; }

rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# thread_ticks PID: "<thread name> <utime ticks> <stime ticks>" per thread of the process, the
# name's trailing number dropped so a pool's threads add up (vert.x-eventloop-thread-0..3 -> one line)
thread_ticks() {
    local f stat name
    for f in /proc/"$1"/task/*/stat; do
        stat=$(cat "$f" 2>/dev/null) || continue
        name=${stat#*(}
        name=${name%)*}
        stat=${stat##*) }
        printf '%s %s\n' "$(sed -E 's/[-#_ ]?[0-9]+$//' <<<"$name" | tr ' ' '_')" "$(awk '{ print $12, $13 }' <<<"$stat")"
    done | awk '{ u[$1] += $2; s[$1] += $3 } END { for (n in u) print n, u[n], s[n] }'
}

# thread_cpu_split BEFORE AFTER REQUESTS: CPU ms per request of each thread group between two
# thread_ticks snapshots (user + system, then each), largest first; threads started in between
# count from zero
thread_cpu_split() {
    awk -v t="$CLK_TCK" -v r="$3" 'NR == FNR { u[$1] = $2; s[$1] = $3; next }
        { du = $2 - u[$1]; ds = $3 - s[$1]
          if (du + ds > 0) printf "%-28s %8.3f ms/req (user %.3f, system %.3f)\n", $1, (du + ds) * 1000 / t / r, du * 1000 / t / r, ds * 1000 / t / r }' "$1" "$2" | sort -k2 -rn
}

ensure_tools() {
    command -v wrk >/dev/null 2>&1 || {
        log "installing wrk (Debian package)"
        apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    }
    local t
    for t in curl psql redis-cli openssl jq; do
        command -v "$t" >/dev/null 2>&1 || {
            log "installing $t"
            case $t in psql) p=postgresql-client ;; redis-cli) p=redis-tools ;; *) p=$t ;; esac
            apt-get install -y "$p" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$p" >/dev/null; }
        }
    done
}

machine_header() {
    local cpu
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    echo "# date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "# machine:     $(hostname), $(nproc) cores, $cpu, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo)"
    echo "# load avg:    $(cut -d' ' -f1-3 /proc/loadavg) at start (wrk and the server share these cores)"
    echo "# JDK 17:      $("$JAVA17" -version 2>&1 | sed -n 2p)"
    [ -x "$JAVA25" ] && echo "# JDK 25:      $("$JAVA25" -version 2>&1 | sed -n 2p)"
    echo "# wrk:         $THREADS thread, $CONNECTIONS connections, $WARMUP warm-up then $DURATION measured, one workload at a time (client_credentials_warm: $JIT_WARMUP warm-up)"
    echo "# Argon2id:    ${ARGON2_MEMORY_KIB} KiB, ${ARGON2_ITERATIONS} iterations, ${ARGON2_PARALLELISM} lane"
}

result_file() { # result_file NAME -> bench/results/<date>_<name>_<n>cpu_<cpu>.txt
    local cpu
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo | tr -cs 'A-Za-z0-9' '-' | sed 's/-$//' | cut -c1-40)
    echo "$BENCH_DIR/results/$(date +%Y-%m-%d_%H%M)_${1}_$(nproc)cpu_${cpu}.txt"
}

# wait_http URL EXPECTED_CODE TIMEOUT_S [curl args...]: polls every 25 ms, returns 0 on the code;
# gives up early when the process WAIT_PID (if set) has exited
wait_http() {
    local url=$1 want=$2 timeout=$3
    shift 3
    local deadline=$(( $(now_ms) + timeout * 1000 )) code
    while [ "$(now_ms)" -lt "$deadline" ]; do
        if [ -n "${WAIT_PID:-}" ] && ! kill -0 "$WAIT_PID" 2>/dev/null; then return 1; fi
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" "$url" 2>/dev/null || true)
        [ "$code" = "$want" ] && return 0
        sleep 0.025
    done
    return 1
}

# stop_pid PID [TIMEOUT_S]: SIGTERM, up to TIMEOUT_S (30) for a clean exit, then SIGKILL
stop_pid() {
    local pid=$1 timeout=${2:-30} i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 $((timeout * 10))); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    log "pid $pid did not stop in $timeout s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# run_wrk NAME PID URL [VAR=value ...]: warm-up, then the measured run with the server's CPU
# time read around it. Appends "NAME rps p50 p99 errors cpu_ms_per_req" to $ROWS_FILE.
# The warm-up uses BENCH_WARM_BODY_FILE when set (refresh tokens: both runs need unspent ones).
run_wrk() {
    local name=$1 pid=$2 url=$3
    shift 3
    local envs=("$@") warm_envs=("$@") e out line
    for e in "${envs[@]}"; do
        case $e in
            BENCH_WARM_BODY_FILE=*) warm_envs+=("BENCH_BODY_FILE=${e#BENCH_WARM_BODY_FILE=}") ;;
            BENCH_WARM_HEADER_FILE=*) warm_envs+=("BENCH_HEADER_FILE=${e#BENCH_WARM_HEADER_FILE=}") ;;
        esac
    done
    if [ "$(seconds_of "$WARMUP")" -gt 0 ]; then
        env "${warm_envs[@]}" BENCH_THREADS="$THREADS" \
            wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s -s "$LUA" "$url" >"$TMP_DIR/$name.warm.txt" 2>&1 || true
    fi
    local cpu0 cpu1 pg0 pg1 redis0 redis1
    # per-thread CPU files are named after the rows file, so compare-keycloak.sh's two servers keep theirs
    local split="$TMP_DIR/$(basename "$ROWS_FILE" .txt).$name"
    thread_ticks "$pid" >"$split.threads0.txt"
    pg0=$(store_ticks postgres); redis0=$(store_ticks redis-server)
    cpu0=$(cpu_ticks "$pid")
    out=$(env "${envs[@]}" BENCH_THREADS="$THREADS" \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 10s -s "$LUA" "$url" 2>&1) || true
    cpu1=$(cpu_ticks "$pid")
    pg1=$(store_ticks postgres); redis1=$(store_ticks redis-server)
    thread_ticks "$pid" >"$split.threads1.txt"
    echo "$out" >"$TMP_DIR/$name.wrk.txt"
    line=$(grep '^BENCH ' <<<"$out" || true)
    [ -n "$line" ] || { log "wrk gave no result for $name:"; echo "$out" >&2; echo "$name - - - - - - -" >>"$ROWS_FILE"; return 0; }
    local req rps p50 p99 non2xx sock exhausted statuses
    req=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")
    rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")
    p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line")
    p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line")
    non2xx=$(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$line")
    sock=$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$line")
    exhausted=$(sed -E 's/.*exhausted=([0-9]+).*/\1/' <<<"$line")
    statuses=$(sed -E 's/.*statuses=([^ ]+).*/\1/' <<<"$line")
    local cpu_ms pg_ms redis_ms
    cpu_ms=$(per_request $((cpu1 - cpu0)) "$req")
    pg_ms=$(per_request $((pg1 - pg0)) "$req")
    redis_ms=$(per_request $((redis1 - redis0)) "$req")
    printf '%s %.0f %.2f %.2f %d %s %s %s\n' "$name" "$rps" "$p50" "$p99" $((non2xx + sock)) "$cpu_ms" "$pg_ms" "$redis_ms" >>"$ROWS_FILE"
    # where the server's CPU went, per thread group (event loops, GC, JIT compilers, workers...)
    [ "$req" -gt 0 ] && thread_cpu_split "$split.threads0.txt" "$split.threads1.txt" "$req" >"$split.threads.txt"
    if [ $((non2xx + sock)) -gt 0 ]; then
        log "$name: $non2xx non-2xx ($statuses), $sock socket errors, $exhausted past the end of the body file"
        grep '^BENCH_FIRST_FAILURE' <<<"$out" >&2 || true
    fi
    log "$name: $(printf '%.0f' "$rps") req/s, p99 ${p99} ms, ${cpu_ms} ms CPU/request (PostgreSQL ${pg_ms}, Redis ${redis_ms})"
}

print_rows() { # print_rows ROWS_FILE
    printf '%-24s %10s %9s %9s %8s %12s %8s %8s\n' workload "req/s" "p50 ms" "p99 ms" errors "CPU ms/req" "PG ms" "Redis ms"
    awk '{ printf "%-24s %10s %9s %9s %8s %12s %8s %8s\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$1"
}

pg_create_db() { # pg_create_db NAME: creates it when missing
    local db=$1
    if ! psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1; then
        log "creating database $db"
        psql -h 127.0.0.1 -U postgres -qc "create database $db" >/dev/null
    fi
}

json_field() { jq -r ".$2 // empty" <<<"$1"; } # json_field JSON FIELD

# token_alg TOKEN_URL CLIENT SECRET: the "alg" of a client-credentials access token's JOSE header
token_alg() {
    local header
    header=$(curl -sf --max-time 10 -X POST -u "$2:$3" -d grant_type=client_credentials "$1" | jq -r .access_token | cut -d. -f1 | tr '_-' '/+')
    while [ $(( ${#header} % 4 )) -ne 0 ]; do header="$header="; done
    base64 -d <<<"$header" 2>/dev/null | jq -r .alg
}

# expect_alg NAME TOKEN_URL CLIENT SECRET: stops the run unless the server signs with SIGNING_ALG
expect_alg() {
    local alg
    alg=$(token_alg "$2" "$3" "$4")
    [ "$alg" = "$SIGNING_ALG" ] || die "$1 signs its access tokens with '$alg', not $SIGNING_ALG"
    log "$1 signs with $alg"
}

# signing_ceiling JAVA ALG: "<alg> <signatures/s> <ms CPU each>" with every core signing and
# nothing else running (bench/java/SigningCeiling.java); run it while no server is up
signing_ceiling() {
    "$1" "$BENCH_DIR/java/SigningCeiling.java" "$2" "$(nproc)" "${CEILING_SECONDS:-6}"
}

# The reference figures are measured next to the workload set against them, while the servers
# idle (this VM's speed drifts by tens of percent within minutes): the signing ceiling just before
# client_credentials (and again after client_credentials_warm, gatehouse.sh's gh_measure), the raw
# hash just before the first login workload. reference_before WORKLOAD JAVA; what no workload
# needed is measured at the end by references_left JAVA.
reference_before() {
    case $1 in
        client_credentials) CEILING=$(signing_ceiling "$2" "$SIGNING_ALG"); log "signing ceiling: $CEILING" ;;
        login | password_grant)
            [ -n "${RAW_HASH:-}" ] && return 0
            RAW_HASH=$(argon2_raw "$2")
            log "raw Argon2id hash: $RAW_HASH (ms, ms CPU; alone, then beside busy cores)" ;;
    esac
}
references_left() {
    [ -n "${CEILING:-}" ] || reference_before client_credentials "$1"
    [ -n "${RAW_HASH:-}" ] || reference_before login "$1"
}

# ceiling_line CEILING ROWS_FILE [CEILING_WARM]: what share of the signing ceiling client_credentials
# reached; client_credentials_warm is set against CEILING_WARM when given
ceiling_line() {
    local alg rate cpu cc warm_cpu
    read -r alg rate cpu <<<"$1"
    warm_cpu=$(awk '{ print $3 }' <<<"${3:-$1}")
    cc=$(awk '$1 == "client_credentials" { print $2 }' "$2")
    printf 'signing ceiling (%s, %s threads, nothing else running): %s signatures/s, %s ms CPU each' "$alg" "$(nproc)" "$rate" "$cpu"
    [ -n "$cc" ] && [ "$cc" != - ] && awk -v c="$cc" -v r="$rate" 'BEGIN { printf "; client_credentials reached %.0f %% of it", 100 * c / r }'
    # the CPU per token as a multiple of one signature (the issue's target: 1.25), in all and on
    # the event loops alone (the rest is mostly the JIT compilers still at work)
    awk -v s="$cpu" '$1 == "client_credentials" && $6 ~ /^[0-9]/ && s + 0 > 0 {
        printf "; CPU per token %.2fx one signature", $6 / s }' "$2"
    local split="$TMP_DIR/$(basename "$2" .txt).client_credentials.threads.txt"
    [ -f "$split" ] && awk -v s="$cpu" '$1 == "vert.x-eventloo" && s + 0 > 0 {
        printf " (%.2fx on the event loops)", $2 / s }' "$split"
    echo
    # the same once the JIT is done (client_credentials_warm, when it ran): the requests' own cost
    awk '$1 == "client_credentials_warm" && $6 ~ /^[0-9]/ { found = 1 } END { exit !found }' "$2" || return 0
    awk -v s="$warm_cpu" -v w="$JIT_WARMUP" -v c="${3:+, the ceiling measured again after it: $warm_cpu ms CPU each}" \
        '$1 == "client_credentials_warm" && s + 0 > 0 {
        printf "  once warm (%s more of it first%s): %s req/s, %s ms CPU per token, %.2fx one signature", w, c, $2, $6, $6 / s }' "$2"
    split="$TMP_DIR/$(basename "$2" .txt).client_credentials_warm.threads.txt"
    [ -f "$split" ] && awk -v s="$warm_cpu" '$1 == "vert.x-eventloo" && s + 0 > 0 { e = $2 }
        $1 == "C2_CompilerThre" { c = $2 }
        END { if (e != "") printf " (%.2fx on the event loops; C2 %.3f ms per token)", e / s, c + 0 }' "$split"
    echo
}

# threads_lines ROWS_FILE: for each workload that ran, where the server's CPU went by thread group
threads_lines() {
    local w f
    echo "server CPU by thread group (vert.x-eventloo = the event loops; C2/C1_CompilerThre = the JIT; VM_Thread = the serial GC):"
    for w in $(awk '{ print $1 }' "$1"); do
        f="$TMP_DIR/$(basename "$1" .txt).$w.threads.txt"
        [ -s "$f" ] || continue
        printf '  %-22s %s\n' "$w" "$(awk 'NR <= 4 { printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }' "$f") ms/req"
    done
}

# es256_verification JAVA: "ES256 <verifications/s> <ms CPU each>" with the JDK's provider on one
# thread and nothing else running: the unit of DPoP's cost (one proof per request, one verification)
es256_verification() {
    "$1" "$BENCH_DIR/java/SigningCeiling.java" ES256 1 "${CEILING_SECONDS:-6}" verify
}

# dpop_line VERIFICATION ROWS_FILE: what a DPoP proof adds to a request to /api/users/me, in CPU and
# in ES256 verifications (target: at most one)
dpop_line() {
    local cpu
    read -r _ _ cpu <<<"$1"
    awk -v v="$cpu" '
        $1 == "users_me" { plain = $6 }
        $1 == "users_me_dpop" { bound = $6 }
        END {
            if (plain == "" || bound == "" || plain == "-" || bound == "-") exit
            printf "DPoP: users_me_dpop %.3f - users_me %.3f = %.3f ms CPU per request, %.2f ES256 verifications (the JDK'"'"'s, one thread, nothing else running: %.3f ms each)\n", bound, plain, bound - plain, (bound - plain) / v, v
        }' "$2"
}

# argon2_raw JAVA: "<ms> <ms CPU> <ms busy> <ms CPU busy>" of one Bouncy Castle Argon2id hash at
# the bench's parameters on one thread (bench/java/Argon2Raw.java): first with nothing else running,
# then with every other core kept busy by a spinning shell. On VMs whose vCPUs share physical cores
# the second is the fairer reference for a server that hashes while wrk, PostgreSQL and Redis run.
argon2_raw() {
    local bc app cp alone busy spinners=() i
    bc=$(ls "$ROOT_DIR"/target/quarkus-app/lib/main/org.bouncycastle.bcprov-*.jar 2>/dev/null | head -1)
    app=$(ls "$ROOT_DIR"/target/quarkus-app/app/*.jar 2>/dev/null | head -1)
    [ -n "$bc" ] && [ -n "$app" ] || { echo "- - - -"; return 0; }
    cp="$app:$bc"
    alone=$(argon2_raw_run "$1" "$cp")
    for i in $(seq 2 "$(nproc)"); do
        (while :; do :; done) &
        spinners+=($!)
    done
    busy=$(argon2_raw_run "$1" "$cp")
    [ ${#spinners[@]} -gt 0 ] && kill "${spinners[@]}" 2>/dev/null
    wait "${spinners[@]}" 2>/dev/null || true
    echo "$alone $busy"
}

argon2_raw_run() { # argon2_raw_run JAVA CLASS_PATH (the application and Bouncy Castle)
    "$1" $GH_JAVA_OPTS -cp "$2" "$BENCH_DIR/java/Argon2Raw.java" \
        "$ARGON2_MEMORY_KIB" "$ARGON2_ITERATIONS" "$ARGON2_PARALLELISM" "${ARGON2_RAW_HASHES:-100}"
}

# login_line RAW ROWS_FILE: server CPU per login against the raw hash, alone and beside busy cores
login_line() {
    local wall cpu busy_wall busy_cpu row
    read -r wall cpu busy_wall busy_cpu <<<"$1"
    printf 'raw Argon2id hash (one thread): %s ms, %s ms CPU with nothing else running; %s ms, %s ms CPU with the other cores busy' \
        "$wall" "$cpu" "$busy_wall" "$busy_cpu"
    for row in login password_grant; do
        awk -v w="$row" -v c="$cpu" -v b="$busy_cpu" '$1 == w && $6 ~ /^[0-9]/ && c + 0 > 0 && b + 0 > 0 {
            printf "; %s used %.2fx the first, %.2fx the second in server CPU", w, $6 / c, $6 / b }' "$2"
    done
    echo
}
