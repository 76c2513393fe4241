"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import type { NavSection } from "@/components/console/nav-items";
import { Logo } from "@/components/ui/logo";

type ConsoleNavProps = {
  sections: NavSection[];
  user: { name: string; email: string; roleLabel: string };
  signOut: () => Promise<void>;
};

/** Sidebar on wide screens, a collapsible top bar on phones. Receives only the items this user may open. */
export function ConsoleNav({ sections, user, signOut }: ConsoleNavProps) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);

  const links = (
    <nav aria-label="Console" className="space-y-6">
      {sections.map((section, index) => (
        <div key={section.title ?? index}>
          {section.title ? (
            <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wider text-slate-400">{section.title}</p>
          ) : null}
          <ul className="space-y-0.5">
            {section.items.map((item) => {
              const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    onClick={() => setOpen(false)}
                    aria-current={active ? "page" : undefined}
                    className={`block rounded-md px-3 py-2 text-sm font-medium ${
                      active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                    }`}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );

  const account = (
    <div className="border-t border-slate-200 pt-4">
      <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
      <p className="truncate text-xs text-slate-500">{user.email}</p>
      <p className="mt-1 text-xs text-slate-500">{user.roleLabel}</p>
      <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link href="/account/security" className="text-xs font-medium text-brand-700 hover:underline">
          Passkeys
        </Link>
        <Link href="/change-password" className="text-xs font-medium text-brand-700 hover:underline">
          Change password
        </Link>
        <form action={signOut}>
          <button type="submit" className="text-xs font-medium text-slate-600 hover:text-slate-900 hover:underline">
            Sign out
          </button>
        </form>
      </div>
    </div>
  );

  return (
    <>
      <header className="sticky top-0 z-20 flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 lg:hidden">
        <Link href="/dashboard" aria-label="verifyd dashboard">
          <Logo />
        </Link>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="mobile-nav"
          onClick={() => setOpen((value) => !value)}
          className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300"
        >
          {open ? "Close" : "Menu"}
        </button>
      </header>
      {open ? (
        <div id="mobile-nav" className="space-y-6 border-b border-slate-200 bg-white px-4 py-4 lg:hidden">
          {links}
          {account}
        </div>
      ) : null}
      <aside className="fixed inset-y-0 left-0 hidden w-64 flex-col justify-between gap-4 overflow-y-auto border-r border-slate-200 bg-white px-4 py-5 lg:flex">
        <div className="space-y-8">
          <Link href="/dashboard" className="block px-3" aria-label="verifyd dashboard">
            <Logo className="text-lg" />
          </Link>
          {links}
        </div>
        {account}
      </aside>
    </>
  );
}
