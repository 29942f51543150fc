// Integration and browser tests serve the real production build; build it once per run, and not
// at all when the build folder already holds a build of the same sources (scripts/build-for-tests.mjs).
// @ts-expect-error a plain ES module script without types
import { buildForTests } from "../scripts/build-for-tests.mjs";

export default function setup() {
  if (process.env.KETENLIJN_SKIP_TEST_BUILD === "1") return;
  (buildForTests as () => boolean)();
}
