#!/usr/bin/env bash
# `npm run test:quick`: the unit tests and the service tests, without building the app. Service
# tests are the integration tests on the real database and websockets that need no built app:
# every test/integration file that does not call startTestApp, except the three that load the
# machine on purpose (many peers, a database thread under load, kill -9 of a server process);
# those run with `npm run test:integration` and `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t service < <(grep -L "startTestApp" test/integration/*.test.ts | grep -v -e collab-resources -e pglite-thread -e collab-crash)
KETENLIJN_SKIP_TEST_BUILD=1 npx vitest run --project unit --project integration test/unit/ "${service[@]}" "$@"
