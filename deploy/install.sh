#!/usr/bin/env bash
# One-time setup of a Debian or Ubuntu host, as root, from a checkout of this repository:
#   sudo deploy/install.sh              # then edit /opt/lnjobs/lnjobs.env and run /opt/lnjobs/bin/deploy.sh
#   sudo WITH_POSTGRES=yes deploy/install.sh   # also installs PostgreSQL here and writes DATABASE_URL
#   sudo DEPLOY_WEBHOOK_SECRET=... deploy/install.sh   # the push-to-deploy hook's secret (else one is generated)
# Creates the lnjobs user, /opt/lnjobs (bin/, data/, lnjobs.env, deploy.conf), installs the systemd units and
# enables the service, its 5-minute health timer and the push-to-deploy hook (lnjobs-deploy-hook.service, which
# starts once deploy.sh has installed a jar). Safe to run again: it keeps an existing lnjobs.env and deploy-hook.env.
set -euo pipefail

APP_DIR=${LNJOBS_HOME:-/opt/lnjobs}
RUN_AS=lnjobs
SRC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
UNIT_DIR=/etc/systemd/system

say() { echo "install: $*"; }

[[ $EUID -eq 0 ]] || { echo "run as root" >&2; exit 1; }

install_packages() {
    local missing=()
    command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
    command -v curl >/dev/null || missing+=(curl)
    command -v git >/dev/null || missing+=(git)
    command -v flock >/dev/null || missing+=(util-linux)
    if [[ "${WITH_POSTGRES:-no}" == yes ]] && ! command -v psql >/dev/null; then
        missing+=(postgresql)
    fi
    if (( ${#missing[@]} > 0 )); then
        say "installing ${missing[*]}"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    fi
}

create_user_and_dirs() {
    if ! id "$RUN_AS" >/dev/null 2>&1; then
        say "creating user $RUN_AS"
        useradd --system --user-group --home-dir "$APP_DIR" --no-create-home --shell /usr/sbin/nologin "$RUN_AS"
    fi
    install -d -o root -g "$RUN_AS" -m 0750 "$APP_DIR"
    install -d -o root -g root -m 0755 "$APP_DIR/bin"
    install -d -o "$RUN_AS" -g "$RUN_AS" -m 0750 "$APP_DIR/data"
}

write_env_file() {
    local env_file=$APP_DIR/lnjobs.env
    if [[ -e "$env_file" ]]; then
        say "keeping $env_file"
        return
    fi
    say "writing $env_file (edit it: without LNBITS_* and AI_INTEGRATIONS_* the server runs its stubs)"
    install -o root -g "$RUN_AS" -m 0640 /dev/null "$env_file"
    cat >"$env_file" <<'ENV'
# lnjobs settings (README, "Configuration"). Read by lnjobs.service; restart it after a change.
PORT=8080
# Actuator (health details, metrics, Prometheus), on 127.0.0.1 only:
MANAGEMENT_PORT=8081
# Production refuses to start on any stub or development key, and names every missing setting in the log:
SPRING_PROFILES_ACTIVE=production
# MACAROON_ROOT_KEY=      (64+ hex digits: openssl rand -hex 32)
# SSH_KEY_ENCRYPTION_KEY= (64 hex digits), with DO_API_TOKEN, DO_VPC_UUID, DO_SSH_KEY_FINGERPRINT
# BOOTSTRAP_ENABLED=false (instead: no node bootstrap routes, no DigitalOcean)
# DATABASE_URL=postgres://lnjobs:password@localhost:5432/lnjobs
# LNBITS_URL=
# LNBITS_API_KEY=
# LNBITS_ADMIN_KEY=
# LNBITS_WEBHOOK_URL=https://your.host/api/lightning/webhook
# AI_INTEGRATIONS_ANTHROPIC_BASE_URL=https://api.anthropic.com
# AI_INTEGRATIONS_ANTHROPIC_API_KEY=
# Behind a reverse proxy, so that the demo limit counts clients rather than the proxy:
# SERVER_FORWARD_HEADERS_STRATEGY=native
# JAVA_OPTS=-XX:MaxRAMPercentage=50 -XX:+UseParallelGC
ENV
}

# A local PostgreSQL with its own role and database; the password goes into lnjobs.env only.
set_up_postgres() {
    [[ "${WITH_POSTGRES:-no}" == yes ]] || return 0
    local env_file=$APP_DIR/lnjobs.env password
    if grep -qE '^DATABASE_URL=' "$env_file"; then
        say "DATABASE_URL already set in $env_file; leaving PostgreSQL alone"
        return
    fi
    systemctl enable --now postgresql
    password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
    say "creating PostgreSQL role and database lnjobs"
    runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE lnjobs LOGIN PASSWORD '$password'" \
        -c "CREATE DATABASE lnjobs OWNER lnjobs"
    echo "DATABASE_URL=postgres://lnjobs:${password}@localhost:5432/lnjobs" >>"$env_file"
}

# The hook's secret lives in a root-only file; it is never printed. Give the same secret to the Git host's webhook.
write_hook_env_file() {
    local hook_env=$APP_DIR/deploy-hook.env secret
    if [[ -e "$hook_env" ]]; then
        say "keeping $hook_env"
        return
    fi
    secret=${DEPLOY_WEBHOOK_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
    install -o root -g root -m 0600 /dev/null "$hook_env"
    cat >"$hook_env" <<HOOKENV
# lnjobs-deploy-hook settings (README, "Deploy it"). Restart lnjobs-deploy-hook after a change.
DEPLOY_WEBHOOK_SECRET=$secret
# DEPLOY_HOOK_PORT=9000
# DEPLOY_BRANCH=main
HOOKENV
    say "wrote $hook_env: set its DEPLOY_WEBHOOK_SECRET as the secret of the push webhook (POST /webhook/deploy)"
}

install_scripts_and_units() {
    install -o root -g root -m 0755 "$SRC_DIR/deploy/deploy.sh" "$SRC_DIR/deploy/health-check.sh" \
        "$SRC_DIR/deploy/prepare-app.sh" "$APP_DIR/bin/"
    printf 'LNJOBS_SRC=%q\n' "$SRC_DIR" >"$APP_DIR/deploy.conf"
    install -o root -g root -m 0644 "$SRC_DIR"/deploy/systemd/lnjobs.service \
        "$SRC_DIR"/deploy/systemd/lnjobs-health.service "$SRC_DIR"/deploy/systemd/lnjobs-health.timer \
        "$SRC_DIR"/deploy/systemd/lnjobs-deploy-hook.service "$UNIT_DIR/"
    systemctl daemon-reload
    systemctl enable lnjobs.service lnjobs-health.timer lnjobs-deploy-hook.service
    systemctl start lnjobs-health.timer
    if [[ -f "$APP_DIR/lnjobs.jar" ]]; then
        systemctl restart lnjobs-deploy-hook.service
    fi
}

install_packages
create_user_and_dirs
write_env_file
set_up_postgres
write_hook_env_file
install_scripts_and_units
say "done. Next: edit $APP_DIR/lnjobs.env, then run $APP_DIR/bin/deploy.sh (builds $SRC_DIR and starts lnjobs)"
