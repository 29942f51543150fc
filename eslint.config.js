import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "build-*/", "node_modules/", ".react-router/", "data/", "tmp/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-empty-object-type": "off",
    },
  },
  // Layers (docs/decisions/0016-layers-and-test-setup.md).
  {
    files: ["app/domain/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(node:|(fs|path|os|net|http|https|child_process|worker_threads|crypto|stream)$)", message: "app/domain/ is pure: no Node I/O." },
            { regex: "^(drizzle-orm|postgres|@electric-sql/|ws$|express|nodemailer|react$|react-dom|react-router)", message: "app/domain/ is pure: no database, network or UI libraries." },
            { regex: "(^|/)(server|db|components|routes|lib)/", message: "app/domain/ imports only app/domain/ and pure libraries." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "(^|/)(server|db)/", message: "Components never import server or database code; a route's loader passes the data." },
            { regex: "\\.server(\\.tsx?)?$", message: "Components never import .server modules." },
            { regex: "^(drizzle-orm|postgres|@electric-sql/)", message: "Components never use the database." },
          ],
        },
      ],
    },
  },
  {
    files: ["server/**/*.{ts,tsx}", "db/**/*.{ts,tsx,mjs}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "(^|/)app/components/|^~/components/", message: "The server never imports components: move shared pure code to app/domain/." },
            { regex: "(^|/)app/routes/|^~/routes/", message: "The server never imports routes." },
          ],
        },
      ],
    },
  },
);
