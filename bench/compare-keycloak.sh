#!/usr/bin/env bash
# Gatehouse and Keycloak 26.4.0 side by side: both seeded, then START_ROUNDS rounds of timed
# starts (Gatehouse without its AOT cache, with it, Keycloak; one server at a time), then each
# workload on Gatehouse and at once on Keycloak, then the ratios Gatehouse/Keycloak. See
# bench/README.md.
#
#   bench/compare-keycloak.sh                       # 5 s warm-up, 15 s per workload
#   DURATION=3s WARMUP=1s bench/compare-keycloak.sh
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"
# shellcheck source=bench/gatehouse.sh
. "$BENCH_DIR/gatehouse.sh"

KC_VERSION=${KC_VERSION:-26.4.0}
KC_PORT=${KC_PORT:-8090}
KC_MGMT_PORT=${KC_MGMT_PORT:-8190}
KC_DB=${KC_DB:-keycloak}
KC_URL="http://127.0.0.1:$KC_PORT"
KC_HOME="$BENCH_DIR/.cache/keycloak-$KC_VERSION"
KC_START_TIMEOUT=${KC_START_TIMEOUT:-240}
GH_JDK=${GH_JDK:-25aot}   # Gatehouse's JVM here: 25aot (the JVM image: JDK 25 and its AOT cache), 25 or 17
WORKLOADS=${WORKLOADS:-client_credentials password_grant refresh introspect jwks}
SKIP_GH=${SKIP_GH:-0}  # 1: Keycloak only (no ratios)
START_ROUNDS=${START_ROUNDS:-5}  # rounds of interleaved starts; the medians are reported
KC_SH_PID=""
KC_PID=""

mkdir -p "$TMP_DIR" "$BENCH_DIR/.cache"
ensure_tools
command -v unzip >/dev/null || apt-get install -y unzip >/dev/null
[ -x "$JAVA25" ] || die "Keycloak $KC_VERSION needs JDK 21+: set JAVA25_HOME (default $JAVA25_HOME)"
gh_build

kc_stop() {
    [ -n "$KC_PID" ] && stop_pid "$KC_PID" 60
    [ -n "$KC_SH_PID" ] && stop_pid "$KC_SH_PID" 10
    KC_PID=""
    KC_SH_PID=""
}
cleanup() { gh_stop; kc_stop; }
trap cleanup EXIT
trap 'exit 130' INT TERM

HEADER=$(machine_header)

# ---------------------------------------------------------------- Gatehouse
GH_OPTS=()
case $GH_JDK in
    17) GH_JAVA=$JAVA17 ;;
    25) GH_JAVA=$JAVA25 ;;
    25aot) GH_JAVA=$JAVA25; GH_OPTS=(-XX:AOTCache="$GH_AOT_CACHE") ;;
    *) die "GH_JDK is 25aot, 25 or 17" ;;
esac
CEILING="" CEILING_WARM="" RAW_HASH="" # measured next to their workloads (lib.sh, reference_before)
GH_ROWS="$TMP_DIR/cmp-gh-rows.txt"
KC_ROWS="$TMP_DIR/cmp-kc-rows.txt"
: >"$GH_ROWS"
: >"$KC_ROWS"

GH_START_MS=- GH_START_NOCACHE_MS=- GH_RSS_IDLE=- GH_RSS_AFTER=-
if [ "${SKIP_GH:-0}" != 1 ]; then
gh_reset_stores
log "Gatehouse: first start on a fresh '$GH_DB' database: seeding"
GH_MIGRATE=true gh_start "$GH_JAVA" "$TMP_DIR/cmp-gh-seed.log"
gh_seed "$TMP_DIR/cmp-gh-seed.log"
gh_stop
if [ "$GH_JDK" = 25aot ]; then gh_aot_train; fi
fi

# ---------------------------------------------------------------- Keycloak
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
    zip="$BENCH_DIR/.cache/keycloak-quarkus-dist-$KC_VERSION.zip"
    if [ ! -f "$zip" ]; then
        log "downloading org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip from Maven Central"
        (cd "$ROOT_DIR" && ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
            -DoutputDirectory="$BENCH_DIR/.cache") >&2
    fi
    log "unpacking Keycloak into $BENCH_DIR/.cache"
    (cd "$BENCH_DIR/.cache" && unzip -q -o "$zip")
fi

# The build-time options (database, health) are baked in once by 'kc.sh build', so
# each start is an '--optimized' production start like a deployed Keycloak's.
KC_BUILD_OPTS="--db=postgres --health-enabled=true"
if [ "$(cat "$KC_HOME/.bench-build" 2>/dev/null || true)" != "$KC_BUILD_OPTS" ]; then
    log "kc.sh build $KC_BUILD_OPTS (once)"
    # shellcheck disable=SC2086
    JAVA_HOME=$JAVA25_HOME timeout 600 "$KC_HOME/bin/kc.sh" build $KC_BUILD_OPTS >"$TMP_DIR/kc-build.log" 2>&1 \
        || { tail -20 "$TMP_DIR/kc-build.log" >&2; die "kc.sh build failed"; }
    echo "$KC_BUILD_OPTS" >"$KC_HOME/.bench-build"
fi

psql -h 127.0.0.1 -U postgres -qc "drop database if exists $KC_DB" >/dev/null
pg_create_db "$KC_DB"
KC_ADMIN_PASSWORD="admin-$(openssl rand -hex 12)"
KC_CC_SECRET=$(openssl rand -hex 24)
KC_APP_SECRET=$(openssl rand -hex 24)

kc_start() { # kc_start LOGFILE: sets KC_SH_PID, KC_PID, KC_T0
    KC_T0=$(now_ms)
    # Keycloak 26.4's worker threads need java.lang opened on JDK 24+ (jboss-threads resets
    # thread locals); without it every request that leaves the event loop fails.
    JAVA_HOME=$JAVA25_HOME JAVA_OPTS_APPEND="--add-opens=java.base/java.lang=ALL-UNNAMED" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PASSWORD" \
    KC_SPI_PASSWORD_HASHING__ARGON2__MEMORY=$ARGON2_MEMORY_KIB \
    KC_SPI_PASSWORD_HASHING__ARGON2__ITERATIONS=$ARGON2_ITERATIONS \
    KC_SPI_PASSWORD_HASHING__ARGON2__PARALLELISM=$ARGON2_PARALLELISM \
    KC_SPI_PASSWORD_HASHING__ARGON2__TYPE=id \
        "$KC_HOME/bin/kc.sh" start --optimized --cache=local --http-enabled=true --http-host=127.0.0.1 \
        --http-port="$KC_PORT" --http-management-port="$KC_MGMT_PORT" --hostname-strict=false \
        --db-url="jdbc:postgresql://127.0.0.1:5432/$KC_DB" --db-username=postgres --db-password=postgres \
        >"$1" 2>&1 &
    KC_SH_PID=$!
    local i
    for i in $(seq 1 100); do
        KC_PID=$(pgrep -P "$KC_SH_PID" java || true)
        [ -n "$KC_PID" ] && return 0
        sleep 0.05
    done
    die "Keycloak's JVM did not appear"
}

kc_admin_token() {
    curl -sf --max-time 30 -X POST "$KC_URL/realms/master/protocol/openid-connect/token" \
        -d grant_type=password -d client_id=admin-cli -d username=admin --data-urlencode "password=$KC_ADMIN_PASSWORD" \
        | jq -r .access_token
}

log "Keycloak $KC_VERSION: first start on a fresh '$KC_DB' database"
kc_start "$TMP_DIR/kc-seed.log"
WAIT_PID=$KC_PID wait_http "$KC_URL/realms/master" 200 "$KC_START_TIMEOUT" \
    || { tail -30 "$TMP_DIR/kc-seed.log" >&2; die "Keycloak did not start within $KC_START_TIMEOUT s"; }
log "Keycloak answered after $(( $(now_ms) - KC_T0 )) ms; creating realm 'bench'"

# The realm: Gatehouse's signing algorithm (SIGNING_ALG; Keycloak makes a key for it on first
# use), Argon2id (the parameters come from the SPI options above), the same two clients and
# users as Gatehouse's bench.
KC_USERS_JSON=$(for i in $(seq 1 "$GH_USERS"); do
    jq -n --arg i "$i" --arg pw "$GH_USER_PASSWORD" '{username: ("user" + $i), email: ("user" + $i + "@bench.example"),
        firstName: "Bench", lastName: ("User" + $i), enabled: true, emailVerified: true,
        credentials: [{type: "password", value: $pw, temporary: false}]}'
done | jq -s .)
REALM_JSON=$(jq -n --arg cc "$KC_CC_SECRET" --arg app "$KC_APP_SECRET" --arg alg "$SIGNING_ALG" --argjson users "$KC_USERS_JSON" '{
    realm: "bench", enabled: true, defaultSignatureAlgorithm: $alg, accessTokenLifespan: 300,
    passwordPolicy: "hashAlgorithm(argon2)", bruteForceProtected: false,
    clients: [
      {clientId: "bench-cc", secret: $cc, publicClient: false, serviceAccountsEnabled: true,
       standardFlowEnabled: false, directAccessGrantsEnabled: false},
      {clientId: "bench-app", secret: $app, publicClient: false, serviceAccountsEnabled: false,
       standardFlowEnabled: false, directAccessGrantsEnabled: true}
    ],
    users: $users }')
KC_ADMIN=$(kc_admin_token)
[ -n "$KC_ADMIN" ] || die "no Keycloak admin token"
code=$(curl -s -o "$TMP_DIR/kc-realm.out" -w '%{http_code}' --max-time 120 -X POST "$KC_URL/admin/realms" \
    -H "Authorization: Bearer $KC_ADMIN" -H 'Content-Type: application/json' -d "$REALM_JSON")
[ "$code" = 201 ] || { cat "$TMP_DIR/kc-realm.out" >&2; die "creating the realm answered $code"; }
KC_HASH=$(psql -h 127.0.0.1 -U postgres -d "$KC_DB" -tAc \
    "select c.credential_data from credential c join user_entity u on u.id = c.user_id where u.username = 'user1'")
log "Keycloak stores user1's password as: $KC_HASH"
kc_stop

KC_TOKEN_URL="$KC_URL/realms/bench/protocol/openid-connect/token"

# ---------------------------------------------------------------- starts, interleaved
# Each round starts, times to the first client-credentials token and stops Gatehouse without its
# AOT cache (the image's artifact on a JVM that refused the cache), Gatehouse as GH_JDK, then
# Keycloak, one at a time with nothing else running: a start on this VM varies by a second or
# more from one minute to the next, so one start of each would make a ratio of noise.
kc_first_token_ms() { # kc_first_token_ms LOGFILE
    WAIT_PID=$KC_PID wait_http "$KC_TOKEN_URL" 200 "$KC_START_TIMEOUT" -X POST -u "bench-cc:$KC_CC_SECRET" -d grant_type=client_credentials \
        || { tail -30 "$1" >&2; die "Keycloak served no token within $KC_START_TIMEOUT s"; }
    echo $(( $(now_ms) - KC_T0 ))
}
GH_STARTS=() GH_NOCACHE_STARTS=() KC_STARTS=()
for round in $(seq 1 "$START_ROUNDS"); do
    if [ "$SKIP_GH" != 1 ]; then
        if [ "$GH_JDK" = 25aot ]; then
            gh_start "$GH_JAVA" "$TMP_DIR/cmp-gh-nocache.log"
            ms=$(gh_first_token_ms "$TMP_DIR/cmp-gh-nocache.log") || die "Gatehouse did not start"
            GH_NOCACHE_STARTS+=("$ms")
            gh_stop
        fi
        gh_start "$GH_JAVA" "$TMP_DIR/cmp-gh-start.log" "${GH_OPTS[@]}"
        ms=$(gh_first_token_ms "$TMP_DIR/cmp-gh-start.log") || die "Gatehouse did not start"
        GH_STARTS+=("$ms")
        gh_stop
    fi
    kc_start "$TMP_DIR/kc-start.log"
    ms=$(kc_first_token_ms "$TMP_DIR/kc-start.log")
    KC_STARTS+=("$ms")
    kc_stop
    log "starts, round $round: Gatehouse without the cache ${GH_NOCACHE_STARTS[*]: -1}, Gatehouse ${GH_STARTS[*]: -1}, Keycloak ${KC_STARTS[*]: -1} ms"
done
median_of() { [ $# -gt 0 ] && printf '%s\n' "$@" | sort -n | median || echo -; }
# ratio A B: A / B to two decimals, or "-" when either is not a figure
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9]/ && b + 0 > 0) printf "%.2f\n", a / b; else print "-" }'; }
GH_START_MS=$(median_of "${GH_STARTS[@]}")
GH_START_NOCACHE_MS=$(median_of "${GH_NOCACHE_STARTS[@]}")
KC_START_MS=$(median_of "${KC_STARTS[@]}")
# start_ratios GH_MS...: each round's Gatehouse start over that round's Keycloak start, lowest-highest
start_ratios() {
    [ $# -gt 0 ] || { echo -; return; }
    local i=0 ms
    for ms in "$@"; do
        ratio "$ms" "${KC_STARTS[$i]}"
        i=$((i + 1))
    done | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'
}

# ---------------------------------------------------------------- the load instances
if [ "$SKIP_GH" != 1 ]; then
    gh_start "$GH_JAVA" "$TMP_DIR/cmp-gh-load.log" "${GH_OPTS[@]}"
    gh_first_token_ms "$TMP_DIR/cmp-gh-load.log" >/dev/null || die "Gatehouse did not start"
    expect_alg Gatehouse "$GH_URL/oauth2/token" bench-cc "$GH_CC_SECRET"
    sleep 3
    GH_RSS_IDLE=$(rss_mb "$GH_PID")
    gh_prepare_load
fi
kc_start "$TMP_DIR/kc-load.log"
kc_first_token_ms "$TMP_DIR/kc-load.log" >/dev/null
expect_alg Keycloak "$KC_TOKEN_URL" bench-cc "$KC_CC_SECRET"
sleep 3
KC_RSS_IDLE=$(rss_mb "$KC_PID")

: >"$TMP_DIR/kc-password-grant.txt"
for i in $(seq 1 "$GH_USERS"); do
    echo "grant_type=password&username=user$i&password=$GH_USER_PASSWORD" >>"$TMP_DIR/kc-password-grant.txt"
done
out=$(curl -sf --max-time 30 -X POST "$KC_TOKEN_URL" -u "bench-app:$KC_APP_SECRET" \
    -d "$(head -1 "$TMP_DIR/kc-password-grant.txt")") || die "Keycloak's password grant failed"
KC_APP_ACCESS=$(jq -r .access_token <<<"$out")
KC_REFRESH=$(jq -r .refresh_token <<<"$out")
kc_basic_cc="Basic $(printf '%s' "bench-cc:$KC_CC_SECRET" | base64 -w0)"
kc_basic_app="Basic $(printf '%s' "bench-app:$KC_APP_SECRET" | base64 -w0)"
kc_workload() { # kc_workload NAME: the workload against the running Keycloak
    local w=$1
    case $w in
        client_credentials)
            run_wrk "$w" "$KC_PID" "$KC_TOKEN_URL" BENCH_METHOD=POST BENCH_AUTH="$kc_basic_cc" BENCH_BODY="grant_type=client_credentials" ;;
        password_grant)
            run_wrk "$w" "$KC_PID" "$KC_TOKEN_URL" BENCH_METHOD=POST BENCH_AUTH="$kc_basic_app" \
                BENCH_BODY_FILE="$TMP_DIR/kc-password-grant.txt" BENCH_BODY_CYCLE=1 ;;
        refresh) # Keycloak's default: refresh tokens are not rotated, so one may be used again and again
            run_wrk "$w" "$KC_PID" "$KC_TOKEN_URL" BENCH_METHOD=POST BENCH_AUTH="$kc_basic_app" \
                BENCH_BODY="grant_type=refresh_token&refresh_token=$KC_REFRESH" ;;
        introspect)
            run_wrk "$w" "$KC_PID" "$KC_TOKEN_URL/introspect" BENCH_METHOD=POST BENCH_AUTH="$kc_basic_app" \
                BENCH_BODY="token=$KC_APP_ACCESS" ;;
        jwks)
            run_wrk "$w" "$KC_PID" "$KC_URL/realms/bench/protocol/openid-connect/certs" ;;
        *) die "unknown workload $w" ;;
    esac
}

# ---------------------------------------------------------------- the workloads, interleaved
# Both servers are up; each workload runs on Gatehouse and then at once on Keycloak, so a change
# in the machine's speed during the run (a shared VM drifts by tens of percent over minutes)
# touches both sides of a ratio alike. The idle server waits meanwhile.
for w in $WORKLOADS; do
    if [ "$SKIP_GH" != 1 ]; then
        ROWS_FILE=$GH_ROWS
        gh_measure "$w" "$GH_JAVA"
    fi
    ROWS_FILE=$KC_ROWS
    kc_workload "$w"
done
[ "$SKIP_GH" != 1 ] && GH_RSS_AFTER=$(rss_mb "$GH_PID")
gh_stop
KC_RSS_AFTER=$(rss_mb "$KC_PID")
kc_stop
references_left "$GH_JAVA"

# ---------------------------------------------------------------- report
OUT=$(result_file gatehouse-vs-keycloak)
{
    echo "# Gatehouse vs Keycloak $KC_VERSION (bench/compare-keycloak.sh)"
    echo "$HEADER"
    echo "# Gatehouse:   JDK $GH_JDK, $GH_JAVA_OPTS, $SIGNING_ALG, PostgreSQL + Redis"
    echo "# Keycloak:    JDK 25, kc.sh's default JVM options (G1, -Xms64m -Xmx512m), start --optimized, PostgreSQL, local caches, $SIGNING_ALG"
    echo "# Keycloak password hash: $KC_HASH"
    echo
    printf '%-20s %12s %12s %8s   %10s %10s   %9s %9s   %10s %10s   %7s %7s\n' workload "GH req/s" "KC req/s" "GH/KC" \
        "GH p99 ms" "KC p99 ms" "GH CPU ms" "KC CPU ms" "GH PG+R ms" "KC PG ms" "GH err" "KC err"
    awk 'FILENAME == ARGV[1] { gh[$1] = $0; next } {
        split(($1 in gh) ? gh[$1] : ($1 " - - - - - - -"), g, " ")
        ratio = ($2 + 0 > 0 && g[2] ~ /^[0-9]/) ? sprintf("%.2f", g[2] / $2) : "-"
        stores = (g[7] ~ /^[0-9]/ && g[8] ~ /^[0-9]/) ? sprintf("%.3f", g[7] + g[8]) : "-"
        printf "%-20s %12s %12s %8s   %10s %10s   %9s %9s   %10s %10s   %7s %7s\n", $1, g[2], $2, ratio, g[4], $4, g[6], $6, stores, $7, g[5], $5 }' \
        "$GH_ROWS" "$KC_ROWS"
    echo
    printf '%-34s %10s %10s %8s\n' "" Gatehouse Keycloak "GH/KC"
    printf '%-34s %10s %10s %8s   %s\n' "process start -> first token, ms" "$GH_START_MS" "$KC_START_MS" \
        "$(ratio "$GH_START_MS" "$KC_START_MS")" \
        "rounds $(start_ratios "${GH_STARTS[@]}")"
    printf '%-34s %10s %10s %8s   %s\n' "  the same without the AOT cache" "$GH_START_NOCACHE_MS" "$KC_START_MS" \
        "$(ratio "$GH_START_NOCACHE_MS" "$KC_START_MS")" \
        "rounds $(start_ratios "${GH_NOCACHE_STARTS[@]}")"
    printf '%-34s %10s %10s %8s\n' "RSS idle, MB" "$GH_RSS_IDLE" "$KC_RSS_IDLE" \
        "$(ratio "$GH_RSS_IDLE" "$KC_RSS_IDLE")"
    printf '%-34s %10s %10s %8s\n' "RSS after the load, MB" "$GH_RSS_AFTER" "$KC_RSS_AFTER" \
        "$(ratio "$GH_RSS_AFTER" "$KC_RSS_AFTER")"
    echo
    ceiling_line "$CEILING" "$GH_ROWS" "$CEILING_WARM"
    threads_lines "$GH_ROWS"
    login_line "$RAW_HASH" "$GH_ROWS"
    echo "GH/KC > 1 means Gatehouse serves more requests per second. CPU ms = server CPU time per request."
    echo "PG+R ms = PostgreSQL's and Redis's CPU time per request (the same servers for both; Keycloak uses no Redis); they, wrk and the server share the two cores."
    echo "refresh: Gatehouse rotates (each request spends its own token); Keycloak reuses one token (its default, no rotation)."
    echo "password_grant: RFC 6749 password grant on both, Argon2id at the same parameters, $GH_USERS users in turn."
} >"$OUT"
echo
cat "$OUT"
echo
log "saved $OUT"
