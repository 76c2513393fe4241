import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/(console)/actions";
import { StepUpProvider } from "@/components/console/step-up-provider";
import { ConsoleNav } from "@/components/console/console-nav";
import { NAV_SECTIONS } from "@/components/console/nav-items";
import { getCurrentConsoleUser } from "@/lib/auth/current-user";
import { secondFactorSatisfied } from "@/lib/auth/resolve-console-session";
import { hasUsableTotp } from "@/lib/auth/second-factor-policy";
import { db } from "@/lib/db/prisma";
import { ROLE_LABELS, roleHasPermission } from "@/lib/auth/permissions";

/**
 * Console chrome. Only decides what to show: every page below still calls requirePagePermission itself,
 * because layouts do not re-run on client navigation and are no security boundary.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentConsoleUser();
  if (!user) redirect("/sign-in");
  if (user.mustChangePassword) redirect("/change-password");
  if (!secondFactorSatisfied(user)) redirect("/second-factor");

  const totp = await hasUsableTotp(db(), user.id);
  const sections = NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter((item) => roleHasPermission(user.role, item.permission)),
  })).filter((section) => section.items.length > 0);

  return (
    <div className="min-h-screen">
      <ConsoleNav
        sections={sections}
        user={{ name: user.name, email: user.email, roleLabel: ROLE_LABELS[user.role] }}
        signOut={signOutAction}
      />
      <main className="px-4 py-6 sm:px-6 lg:ml-64 lg:px-10 lg:py-10">
        <div className="mx-auto max-w-6xl">
          <StepUpProvider totp={totp}>{children}</StepUpProvider>
        </div>
      </main>
    </div>
  );
}
