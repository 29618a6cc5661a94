#!/usr/bin/env bash
# Builds the server from a checkout, installs its jar as /opt/lnjobs/lnjobs.jar and lays it out in /opt/lnjobs/app
# with prepare-app.sh (extracted, with a class data sharing archive; keeping the ones it replaces as
# lnjobs.jar.previous and app.previous), restarts the service and waits a bounded time for /actuator/health to
# answer UP. If it does not, puts the previous ones back and restarts those. Run as root:
#   deploy.sh [--pull] [--jar PATH]
#     --pull      git pull --ff-only in the checkout first
#     --jar PATH  install this jar instead of building one
# The checkout is LNJOBS_SRC (install.sh records it in /opt/lnjobs/deploy.conf), else the one holding this script.
# A rollback restores the jar, not the database: migrations and events the new version wrote stay.
# A test runs it without systemd and as an ordinary user through LNJOBS_HOME, LNJOBS_HEALTH_URL,
# LNJOBS_SERVICE_CTL (a systemctl stand-in), LNJOBS_PREPARE_APP and LNJOBS_FILE_OWNER (empty: leave ownership).
set -euo pipefail

APP_DIR=${LNJOBS_HOME:-/opt/lnjobs}
if [[ -r "$APP_DIR/deploy.conf" ]]; then
    # shellcheck source=/dev/null
    source "$APP_DIR/deploy.conf"
fi
SRC_DIR=${LNJOBS_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
SERVICE=${LNJOBS_SERVICE:-lnjobs.service}
HEALTH_TIMEOUT_SECONDS=${LNJOBS_HEALTH_TIMEOUT_SECONDS:-240}
ROLLBACK_TIMEOUT_SECONDS=${LNJOBS_ROLLBACK_TIMEOUT_SECONDS:-$HEALTH_TIMEOUT_SECONDS}
RUN_AS=${LNJOBS_USER:-lnjobs}
LOG=${LNJOBS_DEPLOY_LOG:-$APP_DIR/deploy.log}
SERVICE_CTL=${LNJOBS_SERVICE_CTL:-systemctl}
PREPARE_APP=${LNJOBS_PREPARE_APP:-$(dirname "${BASH_SOURCE[0]}")/prepare-app.sh}
FILE_OWNER=${LNJOBS_FILE_OWNER-root:$RUN_AS}
# started after a good deploy (its unit waits for the first jar); empty: none
HOOK_SERVICE=${LNJOBS_HOOK_SERVICE-lnjobs-deploy-hook.service}

log() { printf '%s deploy: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" | tee -a "$LOG" >&2; }
die() { log "FAILED: $*"; exit 1; }

pull=no
jar=
while (( $# > 0 )); do
    case "$1" in
        --pull) pull=yes; shift ;;
        --jar) jar=${2:?--jar needs a path}; shift 2 ;;
        *) echo "usage: $0 [--pull] [--jar PATH]" >&2; exit 2 ;;
    esac
done

health_url() {
    local port=8081 line
    line=$(grep -E '^[[:space:]]*MANAGEMENT_PORT=' "$APP_DIR/lnjobs.env" 2>/dev/null | tail -n 1 || true)
    if [[ -n "$line" ]]; then
        port=${line#*=}
        port=${port//[\"\' ]/}
    fi
    echo "${LNJOBS_HEALTH_URL:-http://127.0.0.1:${port}/actuator/health}"
}

# Polls /actuator/health until it answers UP or $1 seconds have passed.
wait_until_up() {
    local url deadline body
    url=$(health_url)
    deadline=$(( SECONDS + $1 ))
    while (( SECONDS < deadline )); do
        body=$(curl -fsS --max-time 5 "$url" 2>/dev/null || true)
        if [[ "$body" == '{"status":"UP"'* ]]; then
            return 0
        fi
        sleep 3
    done
    return 1
}

build() {
    if [[ "$pull" == yes ]]; then
        log "pulling in $SRC_DIR"
        git -C "$SRC_DIR" pull --ff-only
    fi
    log "building $(git -C "$SRC_DIR" rev-parse --short HEAD 2>/dev/null || echo 'an unversioned tree') in $SRC_DIR"
    (cd "$SRC_DIR" && ./mvnw -B -ntp -q -DskipTests package -pl server -am) >>"$LOG" 2>&1 \
        || die "the build failed; see $LOG"
    local jars=("$SRC_DIR"/server/target/server-*.jar)
    if (( ${#jars[@]} != 1 )) || [[ ! -f "${jars[0]}" ]]; then
        die "expected one server/target/server-*.jar, found: ${jars[*]}"
    fi
    jar=${jars[0]}
}

# Swaps the server while the service is stopped: a running JVM reads its classes by path as it goes. The class data
# archive records the path it was made at, so the layout is made in app/ itself (a training start of about 10 s).
install_jar() {
    install -m 0640 "$1" "$APP_DIR/lnjobs.jar.new"
    if [[ -n "$FILE_OWNER" ]]; then
        chown "$FILE_OWNER" "$APP_DIR/lnjobs.jar.new"
    fi
    "$SERVICE_CTL" stop "$SERVICE"
    if [[ -f "$APP_DIR/lnjobs.jar" ]]; then
        mv -f "$APP_DIR/lnjobs.jar" "$APP_DIR/lnjobs.jar.previous"
    fi
    mv -f "$APP_DIR/lnjobs.jar.new" "$APP_DIR/lnjobs.jar"
    if [[ -d "$APP_DIR/app" ]]; then
        rm -rf "$APP_DIR/app.previous"
        mv "$APP_DIR/app" "$APP_DIR/app.previous"
    fi
    log "laying out $APP_DIR/app"
    if ! "$PREPARE_APP" "$APP_DIR/lnjobs.jar" "$APP_DIR/app" >>"$LOG" 2>&1; then
        log "could not lay out $APP_DIR/app; see $LOG"
        roll_back
    fi
    if [[ -n "$FILE_OWNER" ]]; then
        chown -R "$FILE_OWNER" "$APP_DIR/app"
    fi
    chmod -R g+rX,g-w,o-rwx "$APP_DIR/app"
}

roll_back() {
    if [[ ! -f "$APP_DIR/lnjobs.jar.previous" || ! -d "$APP_DIR/app.previous" ]]; then
        die "the new jar did not come up and there is no previous one to go back to"
    fi
    log "rolling back to the previous jar"
    "$SERVICE_CTL" stop "$SERVICE"
    mv -f "$APP_DIR/lnjobs.jar" "$APP_DIR/lnjobs.jar.failed"
    mv -f "$APP_DIR/lnjobs.jar.previous" "$APP_DIR/lnjobs.jar"
    rm -rf "$APP_DIR/app.failed"
    if [[ -d "$APP_DIR/app" ]]; then
        mv "$APP_DIR/app" "$APP_DIR/app.failed"
    fi
    mv "$APP_DIR/app.previous" "$APP_DIR/app"
    "$SERVICE_CTL" start "$SERVICE"
    if wait_until_up "$ROLLBACK_TIMEOUT_SECONDS"; then
        die "the new jar did not come up; the previous one runs again (the failed one is lnjobs.jar.failed)"
    fi
    die "the new jar did not come up, and neither did the previous one"
}

main() {
    mkdir -p "$APP_DIR"
    exec 9>"$APP_DIR/deploy.lock"
    flock -n 9 || die "another deploy is running"
    if [[ -z "$jar" ]]; then
        build
    fi
    [[ -f "$jar" ]] || die "no jar at $jar"
    log "installing $jar"
    install_jar "$jar"
    "$SERVICE_CTL" start "$SERVICE"
    log "started $SERVICE; waiting up to ${HEALTH_TIMEOUT_SECONDS}s for $(health_url) to answer UP"
    if wait_until_up "$HEALTH_TIMEOUT_SECONDS"; then
        log "deployed: $SERVICE is UP"
        if [[ -n "$HOOK_SERVICE" ]]; then
            "$SERVICE_CTL" start "$HOOK_SERVICE" 2>/dev/null || true
        fi
        exit 0
    fi
    log "$SERVICE did not answer UP within ${HEALTH_TIMEOUT_SECONDS}s"
    roll_back
}

main
