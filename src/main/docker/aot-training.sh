#!/usr/bin/env bash
# The training run of the JVM image's AOT cache (JDK 25, -XX:AOTCacheOutput): a few hundred
# requests over every path a serving replica takes in its first minutes, so that their classes are
# loaded, linked and profiled in the cache. Used by the image pipeline (.github/workflows/ci.yml)
# and by bench/run.sh, which times the same artifact.
#
#   aot-training.sh BASE_URL ADMIN_EMAIL ADMIN_PASSWORD
#
# The instance must run with a bootstrap admin of that email and password, and with
# gatehouse.rate-limit.api.max raised: about 130 /api/** requests come from this one address, past
# the default limit of 100 in 15 minutes (the pipeline and the bench raise it). It registers one
# client and two users of its own (random names), so it may run against any throwaway database.
# Needs curl and jq.
set -euo pipefail

URL=$1 ADMIN_EMAIL=$2 ADMIN_PASSWORD=$3
RUN=$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
PASSWORD="training-$RUN-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
REDIRECT=https://training.example/callback

say() { printf '[aot-training] %s\n' "$*" >&2; }
post_json() { curl -sS --max-time 10 -X POST "$URL$1" -H 'Content-Type: application/json' -d "$2"; }
# repeat N CURL_ARGS...: the same request N times, answers thrown away
repeat() {
    local n=$1 i
    shift
    for i in $(seq 1 "$n"); do curl -s -o /dev/null --max-time 10 "$@" || true; done
}

for _ in $(seq 1 240); do
    curl -sf -o /dev/null --max-time 2 "$URL/oauth2/jwks" && break
    sleep 0.5
done
curl -sf -o /dev/null "$URL/oauth2/jwks" || { say "no answer from $URL"; exit 1; }

admin=$(post_json /auth/login "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | jq -r .token)
[ -n "$admin" ] && [ "$admin" != null ] || { say "the bootstrap admin could not log in"; exit 1; }
client=training-$RUN
secret=$(curl -sS --max-time 10 -X POST "$URL/api/admin/clients" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' -d "{\"client_id\":\"$client\",\"client_name\":\"AOT training\",
      \"grant_types\":[\"client_credentials\",\"password\",\"refresh_token\",\"authorization_code\"],
      \"redirect_uris\":[\"$REDIRECT\"],\"scope\":\"openid profile email training:read\"}" | jq -r .client_secret)
[ -n "$secret" ] && [ "$secret" != null ] || { say "could not register the training client"; exit 1; }

say "service tokens, keys, discovery"
repeat 150 -X POST "$URL/oauth2/token" -u "$client:$secret" -d grant_type=client_credentials -d scope=training:read
repeat 50 "$URL/oauth2/jwks"
repeat 10 "$URL/.well-known/oauth-authorization-server"
repeat 10 "$URL/.well-known/openid-configuration"
service=$(curl -sS -X POST "$URL/oauth2/token" -u "$client:$secret" -d grant_type=client_credentials | jq -r .access_token)
repeat 50 -X POST "$URL/oauth2/introspect" -u "$client:$secret" -d "token=$service"

say "accounts: register, log in, the account API, refresh, log out"
for n in 1 2; do
    post_json /auth/register "{\"email\":\"u$n-$RUN@training.example\",\"password\":\"$PASSWORD\",\"name\":\"Training $n\"}" >/dev/null
done
session=$(post_json /auth/login "{\"email\":\"u1-$RUN@training.example\",\"password\":\"$PASSWORD\"}")
access=$(jq -r .token <<<"$session")
refresh=$(jq -r .refreshToken <<<"$session")
repeat 100 "$URL/api/users/me" -H "Authorization: Bearer $access"
repeat 5 "$URL/api/users/me/sessions" -H "Authorization: Bearer $access"
for _ in $(seq 1 10); do
    refreshed=$(post_json /auth/refresh "{\"refreshToken\":\"$refresh\"}")
    refresh=$(jq -r .refreshToken <<<"$refreshed")
done
grant=$(curl -sS -X POST "$URL/oauth2/token" -u "$client:$secret" -d grant_type=password \
    --data-urlencode "username=u2-$RUN@training.example" --data-urlencode "password=$PASSWORD" -d "scope=openid profile email")
repeat 20 "$URL/oauth2/userinfo" -H "Authorization: Bearer $(jq -r .access_token <<<"$grant")"
oauth_refresh=$(jq -r .refresh_token <<<"$grant")
for _ in $(seq 1 10); do
    oauth_refresh=$(curl -sS -X POST "$URL/oauth2/token" -u "$client:$secret" -d grant_type=refresh_token \
        --data-urlencode "refresh_token=$oauth_refresh" | jq -r .refresh_token)
done
repeat 1 -X POST "$URL/oauth2/revoke" -u "$client:$secret" --data-urlencode "token=$oauth_refresh"

say "the authorization page, refusals"
repeat 10 "$URL/oauth2/authorize?response_type=code&client_id=$client&redirect_uri=$REDIRECT&scope=openid&state=s&code_challenge=E9Melhoa2OwvFrYMtZvBfT6VHvkF0ItNnGZi3KyQn0I&code_challenge_method=S256"
repeat 20 "$URL/api/users/me" -H "Authorization: Bearer not-a-token"
repeat 20 -X POST "$URL/oauth2/token" -u "$client:wrong" -d grant_type=client_credentials
repeat 5 -X POST "$URL/auth/login" -H 'Content-Type: application/json' -d "{\"email\":\"u1-$RUN@training.example\",\"password\":\"wrong-$PASSWORD\"}"
repeat 1 -X POST "$URL/auth/logout" -H 'Content-Type: application/json' -H "Authorization: Bearer $access" -d "{\"refreshToken\":\"$refresh\"}"
say "done"
