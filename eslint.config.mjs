import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ["node_modules/**", ".next/**", ".data/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // app/ is an adapter layer: it talks to vendors and the database only through lib/.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@microsoft/microsoft-graph-client", "@okta/okta-sdk-nodejs"], message: "Vendor SDKs live in lib/iam/<vendor>/ only." },
            { group: ["@/lib/db/generated/*"], importNames: ["PrismaClient"], message: "Use db() from lib/db/prisma inside lib/." },
          ],
        },
      ],
    },
  },
];

export default config;
