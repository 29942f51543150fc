import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  appDirectory: "app",
  // A private build folder lets several people (or test runs) build side by side.
  buildDirectory: process.env.KETENLIJN_BUILD_DIR ?? "build",
} satisfies Config;
