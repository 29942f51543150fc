#!/usr/bin/env bash
# `npm run test:quick`: the unit tests and the service tests, without building the app. Service
# tests are the integration tests on the real database and websockets that need no built app:
# every test/integration file that does not call startTestApp.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t service < <(grep -L "startTestApp" test/integration/*.test.ts)
KETENLIJN_SKIP_TEST_BUILD=1 npx vitest run --project unit --project integration test/unit/ "${service[@]}" "$@"
