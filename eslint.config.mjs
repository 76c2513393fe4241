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
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@microsoft/microsoft-graph-client", "@okta/okta-sdk-nodejs"], message: "Vendor SDKs live in lib/iam/<vendor>/ only." },
            { group: ["@/lib/db/generated/*"], importNames: ["PrismaClient"], message: "Use db() from lib/db/prisma inside lib/." },
            { group: ["@/lib/sandbox", "@/lib/sandbox/**"], message: "Production code reaches the sandbox only through lib/connections/sandbox-offer.ts." },
            { group: ["**/testing/**", "**/testing"], message: "Test support (**/testing/**) is for tests only." },
          ],
        },
      ],
    },
  },
  {
    // The port and its vendors are a leaf: lib/iam imports nothing of the product (lib/connections sits above it).
    files: ["lib/iam/**/*.ts"],
    ignores: ["**/*.test.ts", "**/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/*", "!@/lib/iam"], message: "lib/iam is a leaf: it imports only lib/iam (product logic lives in lib/connections and above)." },
            { group: ["**/testing/**", "**/testing"], message: "Test support (**/testing/**) is for tests only." },
          ],
        },
      ],
    },
  },
  {
    // The sandbox tenants and test support stay out of what ships; lib/connections/sandbox-offer.ts is the one
    // production file that may offer the sandbox (and only while it runs in this process).
    // (app/ and components/ have the same patterns in their own block above.)
    files: ["lib/**/*.{ts,tsx}", "instrumentation.ts"],
    ignores: ["**/*.test.ts", "**/testing/**", "lib/iam/**", "lib/sandbox/**", "lib/cli/**", "e2e/**", "lib/connections/sandbox-offer.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/sandbox", "@/lib/sandbox/**"], message: "Production code reaches the sandbox only through lib/connections/sandbox-offer.ts." },
            { group: ["**/testing/**", "**/testing"], message: "Test support (**/testing/**) is for tests only." },
            { group: ["@microsoft/microsoft-graph-client", "@okta/okta-sdk-nodejs"], message: "Vendor SDKs live in lib/iam/<vendor>/ only." },
          ],
        },
      ],
    },
  },
];

export default config;
