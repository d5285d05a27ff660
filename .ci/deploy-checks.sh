#!/bin/sh
# Checks of the API contract and the deployment files that need tools outside Maven. Called by .ci/run from the
# repository root, BEFORE `./mvnw verify` (the Java-side checks of k8s/ need the kustomize this script provides).
# POSIX sh, idempotent, exits non-zero on the first failure. Tools are installed from npm and Debian's apt only.
#
#   1. openapi/openapi.yaml   redocly lint (@redocly/cli, recommended-strict rules, openapi/redocly.yaml)
#   2. Dockerfile            dockerfile-utils lint (instruction syntax and arguments)
#   3. k8s/                  kustomize (kubectl kustomize, or standalone kustomize) renders every overlay
#
# Every rendered object is then validated against the Kubernetes and Prometheus Operator schemas by the tests
# of `./mvnw verify` (io.ascendgw.gateway.deploy.*, fabric8 kubernetes-model-validator), which fail in CI
# (CI=true) if kustomize is missing.
set -eu

REDOCLY_VERSION=2.77.0
DOCKERFILE_UTILS_VERSION=0.16.3
TOOLS="${ASCEND_GW_CI_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/ascend-gateway/ci-tools}"
ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$ROOT"

say() { printf '%s\n' "deploy-checks: $*"; }
fail() { printf '%s\n' "deploy-checks: FAILED: $*" >&2; exit 1; }

apt_install() {
    if command -v apt-get >/dev/null 2>&1; then
        say "installing $* with apt-get"
        apt-get update -qq >/dev/null || fail "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || fail "apt-get install $*"
    else
        fail "$* missing and no apt-get to install it"
    fi
}

# npm_tool <package> <version> <bin>: installs once into $TOOLS/<bin>-<version>, prints the binary's path.
npm_tool() {
    dir="$TOOLS/$3-$2"
    if [ ! -x "$dir/node_modules/.bin/$3" ]; then
        mkdir -p "$dir"
        npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$dir" "$1@$2" >&2 \
            || fail "npm install $1@$2"
    fi
    printf '%s\n' "$dir/node_modules/.bin/$3"
}

command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm

# 1. The OpenAPI document. No telemetry or update checks: CI reaches package registries only.
REDOCLY_TELEMETRY=off
REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export REDOCLY_TELEMETRY REDOCLY_SUPPRESS_UPDATE_NOTICE
redocly=$(npm_tool @redocly/cli "$REDOCLY_VERSION" redocly)
say "redocly $("$redocly" --version) lint openapi/openapi.yaml"
"$redocly" lint openapi/openapi.yaml --config openapi/redocly.yaml --format stylish || fail "redocly lint"

# 2. The Dockerfile (no Docker engine is needed or used).
dockerfile_utils=$(npm_tool dockerfile-utils "$DOCKERFILE_UTILS_VERSION" dockerfile-utils)
say "dockerfile-utils $DOCKERFILE_UTILS_VERSION lint src/main/docker/Dockerfile.vllm-ascend"
"$dockerfile_utils" lint src/main/docker/Dockerfile.vllm-ascend || fail "dockerfile-utils lint"

# 3. kustomize: components and replacements need kustomize v4 or later.
kustomize_major() {
    # Prints the major version of the kustomize that "$@" runs, or 0.
    "$@" 2>/dev/null | sed -n 's/.*[Kk]ustomize[^v]*v\([0-9][0-9]*\)\..*/\1/p' | head -n 1 | grep . || echo 0
}
render=""
if command -v kubectl >/dev/null 2>&1 && [ "$(kustomize_major kubectl version --client)" -ge 4 ]; then
    render="kubectl kustomize"
elif command -v kustomize >/dev/null 2>&1 && [ "$(kustomize_major kustomize version)" -ge 4 ]; then
    render="kustomize build"
else
    apt_install kubernetes-client
    if [ "$(kustomize_major kubectl version --client)" -ge 4 ]; then
        render="kubectl kustomize"
    else
        fail "no kustomize v4+ (kubectl $(kubectl version --client 2>&1 | head -n 1)); install kubectl >= 1.21"
    fi
fi
say "rendering k8s/overlays/* with $render"
mkdir -p target/k8s-rendered
for overlay in k8s/overlays/*/; do
    name=$(basename "$overlay")
    # shellcheck disable=SC2086
    $render "$overlay" > "target/k8s-rendered/$name.yaml" || fail "kustomize render of $overlay"
    grep -q '^kind: StatefulSet' "target/k8s-rendered/$name.yaml" || fail "$overlay renders no StatefulSet"
    say "  $overlay -> target/k8s-rendered/$name.yaml ($(grep -c '^kind:' "target/k8s-rendered/$name.yaml") objects)"
done

say "all passed (schema validation of rendered objects runs in ./mvnw verify)"
