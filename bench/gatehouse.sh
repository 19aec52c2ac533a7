# Gatehouse side of the bench (sourced by run.sh and compare-keycloak.sh, after lib.sh).

GH_PORT=${GH_PORT:-8089}
GH_URL="http://127.0.0.1:$GH_PORT"
GH_DB=${GH_DB:-bench}
GH_REDIS=${GH_REDIS:-redis://127.0.0.1:6379/4}
GH_APP="$ROOT_DIR/target/quarkus-app"
# The build's packaging is Quarkus's aot-jar (a flat class path the JDK's AOT cache can hold), the
# artifact of the JVM image (src/main/docker/Dockerfile.jvm); its cache is trained here as there.
GH_AOT_CACHE="$TMP_DIR/gatehouse.aot"
SIGNING_ALG=${SIGNING_ALG:-RS256}
GH_ADMIN_EMAIL=root@bench.example
GH_USERS=${GH_USERS:-16}
GH_USER_PASSWORD="bench-$(openssl rand -hex 12)"
GH_PID=""

gh_build() {
    if [ "${REBUILD:-0}" = 1 ] || [ ! -f "$GH_APP/quarkus-run.jar" ]; then
        log "building the packaged JVM app (./mvnw -B -q package -DskipTests)"
        (cd "$ROOT_DIR" && ./mvnw -B -q package -DskipTests) >&2
    else
        log "reusing $GH_APP/quarkus-run.jar (REBUILD=1 to rebuild)"
    fi
}


# gh_aot_train: builds the aot-jar if needed, then a JDK 25 training run of it writes GH_AOT_CACHE:
# the image pipeline's own training (src/main/docker/aot-training.sh), the JVM options of the image.
gh_aot_train() {
    gh_build
    rm -f "$GH_AOT_CACHE"
    log "JDK 25 training run (src/main/docker/aot-training.sh): writes $GH_AOT_CACHE at exit"
    gh_start "$JAVA25" "$TMP_DIR/gh-aot-train.log" -XX:AOTCacheOutput="$GH_AOT_CACHE"
    "$ROOT_DIR/src/main/docker/aot-training.sh" "$GH_URL" "$GH_ADMIN_EMAIL" "$GH_ADMIN_PASSWORD" 2>"$TMP_DIR/gh-aot-train.out" \
        || { tail -5 "$TMP_DIR/gh-aot-train.out" >&2; die "the training run failed"; }
    gh_stop 300 # the JVM assembles the cache in a child process as it exits
    [ -s "$GH_AOT_CACHE" ] || { tail -20 "$TMP_DIR/gh-aot-train.log" >&2; die "no AOT cache was written"; }
    log "AOT cache: $(du -h "$GH_AOT_CACHE" | cut -f1)"
}

# A clean slate: the bench database's schema (Flyway recreates it) and Redis db 4.
gh_reset_stores() {
    pg_create_db "$GH_DB"
    psql -h 127.0.0.1 -U postgres -d "$GH_DB" -qc 'drop schema if exists public cascade; create schema public' >/dev/null 2>&1
    redis-cli -u "$GH_REDIS" flushdb >/dev/null
    GH_MASTER_KEY=$(openssl rand -base64 32)
    GH_ADMIN_PASSWORD="admin-$(openssl rand -hex 16)"
}

gh_env() {
    GH_ENV=(
        QUARKUS_PROFILE=prod
        QUARKUS_HTTP_HOST=127.0.0.1
        QUARKUS_HTTP_PORT="$GH_PORT"
        QUARKUS_MANAGEMENT_PORT="$((GH_PORT + 1000))"
        QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:5432/$GH_DB"
        QUARKUS_DATASOURCE_USERNAME=postgres
        QUARKUS_REDIS_HOSTS="$GH_REDIS"
        GATEHOUSE_MASTER_KEY="$GH_MASTER_KEY"
        GATEHOUSE_ISSUER="http://localhost:$GH_PORT"
        # as the image's replicas run: the schema is migrated by a run of its own (gh_seed's start)
        GATEHOUSE_SCHEMA_MIGRATE_AT_START="${GH_MIGRATE:-false}"
        GATEHOUSE_TOKEN_SIGNING_ALG="$SIGNING_ALG"
        GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL="$GH_ADMIN_EMAIL"
        GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD="$GH_ADMIN_PASSWORD"
        GATEHOUSE_PASSWORD_ARGON2_MEMORY_KIB="$ARGON2_MEMORY_KIB"
        GATEHOUSE_PASSWORD_ARGON2_ITERATIONS="$ARGON2_ITERATIONS"
        GATEHOUSE_PASSWORD_ARGON2_PARALLELISM="$ARGON2_PARALLELISM"
        GATEHOUSE_RATE_LIMIT_API_MAX=100000000
        GATEHOUSE_RATE_LIMIT_OAUTH_MAX=100000000
        GATEHOUSE_RATE_LIMIT_LOGIN_MAX=100000000
        GATEHOUSE_RATE_LIMIT_LOGIN_ACCOUNT_MAX=100000000
        GATEHOUSE_RATE_LIMIT_LOGIN_MAX_DELAY=0s
        GATEHOUSE_RATE_LIMIT_CLIENT_AUTH_MAX=100000000
        # the registration flood of login_under_register_flood stands for one from many addresses
        GATEHOUSE_RATE_LIMIT_REGISTER_MAX=100000000
        # bench only: users_me_dpop's proofs are all made before its run, so they must stay acceptable through it
        GATEHOUSE_DPOP_PROOF_MAX_AGE=30m
    )
}

# gh_start JAVA LOGFILE [JVM options...]: starts the packaged app; sets GH_PID and GH_T0 (ms)
gh_start() {
    local java=$1 logfile=$2
    shift 2
    gh_env
    # shellcheck disable=SC2086
    GH_T0=$(now_ms)
    env "${GH_ENV[@]}" "$java" $GH_JAVA_OPTS "$@" -jar "$GH_APP/quarkus-run.jar" >"$logfile" 2>&1 &
    GH_PID=$!
}

gh_stop() { # gh_stop [TIMEOUT_S]
    [ -n "$GH_PID" ] && stop_pid "$GH_PID" "${1:-30}"
    GH_PID=""
}

gh_admin_token() {
    curl -sf --max-time 10 -X POST "$GH_URL/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$GH_ADMIN_EMAIL\",\"password\":\"$GH_ADMIN_PASSWORD\"}" | jq -r .token
}

# Milliseconds from GH_T0 to the first 200 of a client-credentials token request (60 s at most).
gh_first_token_ms() {
    if ! WAIT_PID=$GH_PID wait_http "$GH_URL/oauth2/token" 200 60 -X POST -u "bench-cc:$GH_CC_SECRET" -d grant_type=client_credentials; then
        log "no token within 60 s; the log says:"; tail -20 "$1" >&2; return 1
    fi
    echo $(( $(now_ms) - GH_T0 ))
}

# First start on the fresh database: waits for the bootstrap admin's login (Flyway and the first
# signing key included), registers the clients and the users the workloads need.
gh_seed() {
    local logfile=$1
    if ! WAIT_PID=$GH_PID wait_http "$GH_URL/auth/login" 200 90 -X POST -H 'Content-Type: application/json' \
        -d "{\"email\":\"$GH_ADMIN_EMAIL\",\"password\":\"$GH_ADMIN_PASSWORD\"}"; then
        tail -30 "$logfile" >&2; die "Gatehouse did not log the bootstrap admin in within 90 s"
    fi
    GH_FIRST_LOGIN_MS=$(( $(now_ms) - GH_T0 ))
    local admin out
    admin=$(gh_admin_token)
    out=$(curl -sf --max-time 10 -X POST "$GH_URL/api/admin/clients" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' \
        -d '{"client_id":"bench-cc","client_name":"Bench service","grant_types":["client_credentials"],"scope":"bench:read"}') \
        || die "could not register client bench-cc"
    GH_CC_SECRET=$(jq -r .client_secret <<<"$out")
    out=$(curl -sf --max-time 10 -X POST "$GH_URL/api/admin/clients" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' \
        -d '{"client_id":"bench-app","client_name":"Bench app","grant_types":["password","refresh_token"],"scope":"profile"}') \
        || die "could not register client bench-app"
    GH_APP_SECRET=$(jq -r .client_secret <<<"$out")
    curl -sf --max-time 10 -o /dev/null -X POST "$GH_URL/api/admin/clients" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' \
        -d '{"client_id":"bench-oidc","client_name":"Bench OIDC app","grant_types":["password"],"token_endpoint_auth_method":"none","scope":"openid gatehouse:account"}' \
        || die "could not register client bench-oidc"
    local i code
    for i in $(seq 1 "$GH_USERS"); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$GH_URL/auth/register" \
            -H 'Content-Type: application/json' \
            -d "{\"email\":\"user$i@bench.example\",\"password\":\"$GH_USER_PASSWORD\",\"name\":\"Bench $i\"}")
        [ "$code" = 201 ] || die "registering user$i answered $code"
    done
    log "seeded clients bench-cc, bench-app, bench-oidc and $GH_USERS users (first login after ${GH_FIRST_LOGIN_MS} ms on a fresh database)"
}

# Tokens and request bodies for the workloads, made on the running instance.
gh_prepare_load() {
    local secs pool out i
    : >"$TMP_DIR/gh-login.txt"
    : >"$TMP_DIR/gh-password-grant.txt"
    for i in $(seq 1 "$GH_USERS"); do
        echo "{\"email\":\"user$i@bench.example\",\"password\":\"$GH_USER_PASSWORD\"}" >>"$TMP_DIR/gh-login.txt"
        echo "grant_type=password&username=user$i%40bench.example&password=$GH_USER_PASSWORD&scope=profile" >>"$TMP_DIR/gh-password-grant.txt"
    done
    # login_under_register_flood: 200 addresses registered again and again (a taken email costs a hash too)
    seq 1 200 | awk -v pw="$GH_USER_PASSWORD" '{ printf "{\"email\":\"flood%d@bench.example\",\"password\":\"%s\"}\n", $1, pw }' \
        >"$TMP_DIR/gh-register.txt"
    GH_USER_TOKEN=$(curl -sf --max-time 10 -X POST "$GH_URL/auth/login" -H 'Content-Type: application/json' \
        -d "$(head -1 "$TMP_DIR/gh-login.txt")" | jq -r .token)
    [ -n "$GH_USER_TOKEN" ] || die "user login failed"
    out=$(curl -sf --max-time 10 -X POST "$GH_URL/oauth2/token" -u "bench-app:$GH_APP_SECRET" \
        -d "$(head -1 "$TMP_DIR/gh-password-grant.txt")") || die "password grant failed"
    GH_APP_ACCESS=$(jq -r .access_token <<<"$out")
    out=$(curl -sf --max-time 10 -X POST "$GH_URL/oauth2/token" -d client_id=bench-oidc \
        -d "$(sed 's/scope=profile/scope=openid/' <<<"$(head -1 "$TMP_DIR/gh-password-grant.txt")")") || die "openid password grant failed"
    GH_OIDC_TOKEN=$(jq -r .access_token <<<"$out")

    # Refresh tokens: one per request, never reused. Logging in once per token would cost an
    # Argon2 hash each (tens of thousands of them), so the pool is written straight into
    # PostgreSQL as copies of a real row of the bench-app client made by the password grant above,
    # each with a token of its own ("<prefix>.<n>", stored as its SHA-256 like every token) and
    # a family of its own: the same rows a login makes. One is checked over HTTP before use.
    secs=$(( $(seconds_of "$DURATION") + $(seconds_of "$WARMUP") ))
    pool=$(( secs * ${REFRESH_RATE_CEILING:-4000} ))
    GH_REFRESH_PREFIX="bench-$(openssl rand -hex 8)"
    psql -h 127.0.0.1 -U postgres -d "$GH_DB" -v ON_ERROR_STOP=1 -q \
        -v prefix="$GH_REFRESH_PREFIX" -v n="$((pool + 1))" >/dev/null <<'SQL' || die "could not seed refresh tokens"
insert into refresh_token
select (jsonb_populate_record(null::refresh_token, to_jsonb(t) || jsonb_build_object(
            'id', gen_random_uuid(),
            'family_id', gen_random_uuid(),
            'token_hash', '\x' || encode(sha256(convert_to(:'prefix' || '.' || i, 'UTF8')), 'hex')))).*
from (select * from refresh_token where client_id = 'bench-app' and consumed_at is null and revoked_at is null limit 1) t,
     generate_series(1, :n) i;
SQL
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$GH_URL/oauth2/token" -u "bench-app:$GH_APP_SECRET" \
        -d grant_type=refresh_token -d "refresh_token=$GH_REFRESH_PREFIX.$((pool + 1))")
    [ "$code" = 200 ] || die "a seeded refresh token was refused ($code): has the refresh_token table changed?"
    local warm_n=$(( $(seconds_of "$WARMUP") * ${REFRESH_RATE_CEILING:-4000} ))
    seq 1 "$warm_n" | awk -v p="$GH_REFRESH_PREFIX" '{ print "grant_type=refresh_token&refresh_token=" p "." $1 }' >"$TMP_DIR/gh-refresh-warm.txt"
    seq $((warm_n + 1)) "$pool" | awk -v p="$GH_REFRESH_PREFIX" '{ print "grant_type=refresh_token&refresh_token=" p "." $1 }' >"$TMP_DIR/gh-refresh.txt"
    log "seeded $pool refresh tokens"
}

# gh_measure NAME JAVA: the workload with its reference figures measured beside it (lib.sh,
# reference_before); after client_credentials, client_credentials_warm and the ceiling once more
gh_measure() {
    reference_before "$1" "$2"
    gh_workload "$1"
    if [ "$1" = client_credentials ] && [ "$(seconds_of "$JIT_WARMUP")" -gt 0 ]; then
        gh_workload client_credentials_warm
        CEILING_WARM=$(signing_ceiling "$2" "$SIGNING_ALG")
        log "signing ceiling after client_credentials_warm: $CEILING_WARM"
    fi
}

# gh_workload NAME: runs one named workload against the running instance
gh_workload() {
    local basic_cc basic_app
    basic_cc="Basic $(printf '%s' "bench-cc:$GH_CC_SECRET" | base64 -w0)"
    basic_app="Basic $(printf '%s' "bench-app:$GH_APP_SECRET" | base64 -w0)"
    case $1 in
        client_credentials)
            run_wrk "$1" "$GH_PID" "$GH_URL/oauth2/token" BENCH_METHOD=POST BENCH_AUTH="$basic_cc" \
                BENCH_BODY="grant_type=client_credentials&scope=bench%3Aread" ;;
        client_credentials_warm)
            # the same requests once the JIT has compiled their path: JIT_WARMUP of load first (after
            # client_credentials' own run), so the CPU per token is the requests' own, not the compilers'
            WARMUP=$JIT_WARMUP run_wrk "$1" "$GH_PID" "$GH_URL/oauth2/token" BENCH_METHOD=POST BENCH_AUTH="$basic_cc" \
                BENCH_BODY="grant_type=client_credentials&scope=bench%3Aread" ;;
        login)
            run_wrk "$1" "$GH_PID" "$GH_URL/auth/login" BENCH_METHOD=POST BENCH_CT=application/json \
                BENCH_BODY_FILE="$TMP_DIR/gh-login.txt" BENCH_BODY_CYCLE=1 ;;
        password_grant)
            run_wrk "$1" "$GH_PID" "$GH_URL/oauth2/token" BENCH_METHOD=POST BENCH_AUTH="$basic_app" \
                BENCH_BODY_FILE="$TMP_DIR/gh-password-grant.txt" BENCH_BODY_CYCLE=1 ;;
        refresh)
            run_wrk "$1" "$GH_PID" "$GH_URL/oauth2/token" BENCH_METHOD=POST BENCH_AUTH="$basic_app" \
                BENCH_WARM_BODY_FILE="$TMP_DIR/gh-refresh-warm.txt" BENCH_BODY_FILE="$TMP_DIR/gh-refresh.txt" ;;
        users_me)
            run_wrk "$1" "$GH_PID" "$GH_URL/api/users/me" BENCH_AUTH="Bearer $GH_USER_TOKEN" ;;
        userinfo)
            run_wrk "$1" "$GH_PID" "$GH_URL/oauth2/userinfo" BENCH_AUTH="Bearer $GH_OIDC_TOKEN" ;;
        users_me_dpop)
            # a proof is accepted once: each request sends one made for it (java/DpopProofs.java, before the run)
            local warm_n run_n dpop_token
            warm_n=$(( $(seconds_of "$WARMUP") * ${DPOP_RATE_CEILING:-4000} ))
            run_n=$(( $(seconds_of "$DURATION") * ${DPOP_RATE_CEILING:-4000} ))
            dpop_token=$("$JAVA17" "$BENCH_DIR/java/DpopProofs.java" "$GH_URL" "http://localhost:$GH_PORT" bench-oidc \
                user1@bench.example "$GH_USER_PASSWORD" "$warm_n" "$TMP_DIR/gh-dpop-warm.txt" "$run_n" "$TMP_DIR/gh-dpop.txt") \
                || die "could not make DPoP proofs"
            run_wrk "$1" "$GH_PID" "$GH_URL/api/users/me" BENCH_AUTH="DPoP $dpop_token" BENCH_HEADER_NAME=DPoP \
                BENCH_WARM_HEADER_FILE="$TMP_DIR/gh-dpop-warm.txt" BENCH_HEADER_FILE="$TMP_DIR/gh-dpop.txt" ;;
        introspect)
            run_wrk "$1" "$GH_PID" "$GH_URL/oauth2/introspect" BENCH_METHOD=POST BENCH_AUTH="$basic_app" \
                BENCH_BODY="token=$GH_APP_ACCESS" ;;
        jwks)
            run_wrk "$1" "$GH_PID" "$GH_URL/oauth2/jwks" ;;
        login_under_register_flood)
            # The login workload, measured while a registration flood runs beside it on as many
            # connections: the hashing queue is bounded (gatehouse.password.hash-queue), so login
            # p99 stays bounded and what does not fit is answered 503 at once (counted as errors).
            local flood_pid flood_s
            flood_s=$(( $(seconds_of "$WARMUP") + $(seconds_of "$DURATION") + 2 ))
            env BENCH_METHOD=POST BENCH_CT=application/json BENCH_BODY_FILE="$TMP_DIR/gh-register.txt" BENCH_BODY_CYCLE=1 \
                BENCH_THREADS=1 wrk -t1 -c"$CONNECTIONS" -d"${flood_s}s" --timeout 10s -s "$LUA" "$GH_URL/auth/register" \
                >"$TMP_DIR/$1.flood.txt" 2>&1 &
            flood_pid=$!
            run_wrk "$1" "$GH_PID" "$GH_URL/auth/login" BENCH_METHOD=POST BENCH_CT=application/json \
                BENCH_BODY_FILE="$TMP_DIR/gh-login.txt" BENCH_BODY_CYCLE=1
            wait "$flood_pid" || true
            log "$1: the flood beside it: $(grep '^BENCH ' "$TMP_DIR/$1.flood.txt" | grep -oE 'statuses=[^ ]+' || echo 'no result')" ;;
        *) die "unknown workload $1" ;;
    esac
}
