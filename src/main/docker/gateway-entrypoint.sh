#!/bin/sh
# Starts the gateway (or `sim` / `bench`) with the CANN environment the vLLM engines it spawns need: the vllm-ascend
# image sets that environment up only in interactive shells (~/.bashrc), and engines inherit the gateway's.
set -eu

GATEWAY_HOME="${GATEWAY_HOME:-/opt/ascend-gateway}"

for env_script in \
    /usr/local/Ascend/ascend-toolkit/set_env.sh \
    /usr/local/Ascend/nnal/atb/set_env.sh; do
    if [ -f "$env_script" ]; then
        # The scripts read unset variables; relax -u while they run.
        set +u
        # shellcheck disable=SC1090
        . "$env_script"
        set -u
    fi
done
if [ -d /usr/local/lib ]; then
    LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}/usr/local/lib"
    export LD_LIBRARY_PATH
fi

cd "$GATEWAY_HOME"
# JAVA_OPTS is split on spaces on purpose (several JVM flags); unset, the gateway gets the collector README recommends.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS--XX:+UseParallelGC} -jar "$GATEWAY_HOME/quarkus-run.jar" "$@"
