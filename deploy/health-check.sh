#!/usr/bin/env bash
# Run by lnjobs-health.timer every 5 minutes: restarts the lnjobs service when /actuator/health does not answer
# UP three times in a row. Leaves alone a service that an operator stopped, that is still starting, or that a
# deploy is replacing.
set -euo pipefail

APP_DIR=${LNJOBS_HOME:-/opt/lnjobs}
SERVICE=${LNJOBS_SERVICE:-lnjobs.service}
STARTUP_GRACE_SECONDS=${LNJOBS_STARTUP_GRACE_SECONDS:-180}
ATTEMPTS=${LNJOBS_HEALTH_ATTEMPTS:-3}
ATTEMPT_PAUSE_SECONDS=${LNJOBS_HEALTH_PAUSE_SECONDS:-10}

say() { echo "lnjobs-health: $*"; }

# The port Actuator listens on (loopback only): MANAGEMENT_PORT from its environment file, 8081 otherwise.
health_url() {
    local port=8081 line
    if [[ -r "$APP_DIR/lnjobs.env" ]]; then
        line=$(grep -E '^[[:space:]]*MANAGEMENT_PORT=' "$APP_DIR/lnjobs.env" | tail -n 1 || true)
        if [[ -n "$line" ]]; then
            port=${line#*=}
            port=${port//[\"\' ]/}
        fi
    fi
    echo "${LNJOBS_HEALTH_URL:-http://127.0.0.1:${port}/actuator/health}"
}

# UP when the endpoint answers 200 and its overall status is UP (DOWN answers 503).
is_up() {
    local body
    body=$(curl -fsS --max-time 10 "$1" 2>/dev/null) || return 1
    [[ "$body" == '{"status":"UP"'* ]]
}

exec 9>"$APP_DIR/deploy.lock"
if ! flock -n 9; then
    say "a deploy is running; not checking"
    exit 0
fi

state=$(systemctl show -p ActiveState --value "$SERVICE")
result=$(systemctl show -p Result --value "$SERVICE")
if [[ "$state" == inactive && "$result" == success ]]; then
    say "$SERVICE was stopped on purpose; not checking"
    exit 0
fi
if [[ "$state" == active ]]; then
    since=$(systemctl show -p ActiveEnterTimestampMonotonic --value "$SERVICE")
    now=$(awk '{printf "%d", $1 * 1000000}' /proc/uptime)
    if (( (now - since) / 1000000 < STARTUP_GRACE_SECONDS )); then
        say "$SERVICE started less than ${STARTUP_GRACE_SECONDS}s ago; not checking yet"
        exit 0
    fi
fi

url=$(health_url)
for (( attempt = 1; attempt <= ATTEMPTS; attempt++ )); do
    if is_up "$url"; then
        exit 0
    fi
    if (( attempt < ATTEMPTS )); then
        sleep "$ATTEMPT_PAUSE_SECONDS"
    fi
done

say "$SERVICE is $state and $url did not answer UP $ATTEMPTS times; restarting it"
systemctl reset-failed "$SERVICE" 2>/dev/null || true
systemctl restart "$SERVICE"
