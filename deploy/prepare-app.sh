#!/usr/bin/env bash
# Lays the server's fat jar out to start fast, in DIR:
#   DIR/lnjobs.jar, DIR/lib/   the jar extracted (classes load from plain jars, not from jars inside a jar)
#   DIR/lnjobs.jsa             a class data sharing archive of every class the start-up loads, made by a training
#                              run: the application context starts on a throw-away embedded PostgreSQL and exits
# Start it with:  java -XX:SharedArchiveFile=DIR/lnjobs.jsa -jar DIR/lnjobs.jar
# On a machine of this workplace that takes the start-up to healthy from about 6 s to about 3.5 s (docs/benchmark.md).
# The archive belongs to the JDK that made it: another JDK build ignores it (silently) and starts as usual.
# Usage: prepare-app.sh JAR DIR   (JAVA names the java binary; default: java on the PATH)
set -euo pipefail

jar=${1:?usage: prepare-app.sh JAR DIR}
dir=${2:?usage: prepare-app.sh JAR DIR}
java=${JAVA:-java}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$jar" "$work/lnjobs.jar"
rm -rf "$dir"
mkdir -p "$dir"
"$java" -Djarmode=tools -jar "$work/lnjobs.jar" extract --destination "$dir"

# The archive records the jars' paths, so the training runs where the server will run from. It sees none of the
# caller's settings: stub Lightning and AI, no DATABASE_URL, no secrets.
if env -i PATH="$PATH" HOME="$work" EMBEDDED_PG_DATA_DIR="$work/postgres" PORT=0 BTC_PRICE_OFFLINE=true \
        AXONIQ_UPDATE_CHECKER_DISABLED=true \
        "$java" -XX:ArchiveClassesAtExit="$dir/lnjobs.jsa" -Dspring.context.exit=onRefresh \
        -jar "$dir/lnjobs.jar" >"$work/training.log" 2>&1 && [[ -s "$dir/lnjobs.jsa" ]]; then
    echo "prepare-app: $dir/lnjobs.jar extracted, class data archive made" >&2
else
    echo "prepare-app: the training run made no class data archive; the server starts without one" >&2
    tail -n 20 "$work/training.log" >&2 || true
    rm -f "$dir/lnjobs.jsa"
fi
