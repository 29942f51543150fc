#!/usr/bin/env bash
# `npm test`: unit, integration and browser tests. Builds the app first (the tests serve the build), unless it is already built from the same sources.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-test-tools.sh
node scripts/build-for-tests.mjs # skipped when the build is of the same sources
KETENLIJN_SKIP_TEST_BUILD=1 npx vitest run "$@"
