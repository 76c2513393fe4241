import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "verifyd", template: "%s · verifyd" },
  description: "Workforce identity verification for Microsoft Entra ID and Okta",
  robots: { index: false, follow: false },
};

// Every page renders per request: the CSP nonce differs on each response (lib/server/content-security-policy.ts).
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
