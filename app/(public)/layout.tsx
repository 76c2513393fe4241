import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";

/** Employee-facing area: no console chrome, no sign-in, small pages for phones on slow networks. */
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-white">
      <header className="border-b border-slate-100 px-4 py-4">
        <div className="mx-auto max-w-lg">
          <Logo />
        </div>
      </header>
      <main className="flex-1 px-4 py-8">
        <div className="mx-auto max-w-lg">{children}</div>
      </main>
      <footer className="px-4 py-6 text-center text-xs text-slate-400">Identity verification for your employer</footer>
    </div>
  );
}
