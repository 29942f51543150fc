#!/usr/bin/env bash
# `npm test`: unit, integration and browser tests. Builds the app first (the tests serve the build).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-test-tools.sh
NODE_ENV=production npx react-router build >/dev/null
KETENLIJN_SKIP_TEST_BUILD=1 npx vitest run "$@"
