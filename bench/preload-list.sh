#!/usr/bin/env bash
# Writes the class list of dev.gatehouse.start.ClassPreloader
# (src/main/resources/META-INF/gatehouse/preload-classes.txt): the classes a start of the packaged
# app loads from its JARs on the way to its first token, in the order it loads them. Run it after
# a dependency upgrade or a change to what a start does (ClassPreloadIT fails when the list names a
# class the packaged app no longer has), then rebuild. Needs what the bench needs (README.md there):
# PostgreSQL, Redis, JDK 25; it builds the app if there is none (REBUILD=1 to rebuild).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$BENCH_DIR/gatehouse.sh"
mkdir -p "$TMP_DIR"
LIST="$ROOT_DIR/src/main/resources/META-INF/gatehouse/preload-classes.txt"
GH_JAVA_OPTS=${GH_JAVA_OPTS:-$(image_jvm_opts)}
trap gh_stop EXIT

gh_build
gh_reset_stores
GH_MIGRATE=true gh_start "$JAVA25" "$TMP_DIR/preload-seed.log"
gh_seed "$TMP_DIR/preload-seed.log"
gh_stop
rm -f "$TMP_DIR/class-load.log"
gh_start "$JAVA25" "$TMP_DIR/preload-start.log" -Xlog:class+load=info:file="$TMP_DIR/class-load.log"
ms=$(gh_first_token_ms "$TMP_DIR/preload-start.log")
gh_stop
# Classes read from the app's JARs only (the JDK's come from its own archive; lambdas and proxies
# have no name to load by); not the boot JARs (loaded before the main class), not the classes of
# Quarkus's recorded steps (their names carry a hash of the build), and none of Gatehouse's own
# (nor the beans Quarkus generates for them), so the list changes with the dependencies only.
app="$GH_APP/"
{
    printf '# Classes a start loads on the way to its first token, in that order (bench/preload-list.sh, %s,\n' "$(date -u +%F)"
    printf '# JDK 25, Quarkus %s; first token after %s ms under -Xlog:class+load). Read by dev.gatehouse.start.ClassPreloader.\n' \
        "$(sed -nE 's|.*<quarkus.platform.version>(.*)</quarkus.platform.version>.*|\1|p' "$ROOT_DIR/pom.xml")" "$ms"
    awk -v app="source: file:$app" 'index($0, app) { print $2, substr($0, index($0, app) + length(app)) }' "$TMP_DIR/class-load.log" \
        | awk '$2 !~ /^lib\/boot\// && $1 !~ /^io\.quarkus\.runner\.recorded\./ && $1 !~ /^dev\.gatehouse\./ { print $1 }'
} >"$LIST"
log "wrote $(grep -vc '^#' "$LIST") class names to ${LIST#"$ROOT_DIR"/} (first token after $ms ms); rebuild to ship it"
