import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <Logo className="mb-8 text-xl" />
      <div className="w-full max-w-sm rounded-lg bg-white px-6 py-8 shadow-sm ring-1 ring-slate-200 sm:px-8">{children}</div>
      <p className="mt-6 text-center text-xs text-slate-500">Workforce identity verification console</p>
    </div>
  );
}
