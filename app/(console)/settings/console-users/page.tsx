import type { Metadata } from "next";
import { ConsoleUserRowActions } from "@/app/(console)/settings/console-users/console-user-row-actions";
import { ConsoleSecuritySettingsForm } from "@/app/(console)/settings/console-users/console-security-settings-form";
import { CreateConsoleUserForm } from "@/app/(console)/settings/console-users/create-console-user-form";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { readConsoleSecuritySettings } from "@/lib/auth/second-factor-policy";
import { db } from "@/lib/db/prisma";
import { listConsoleUsers } from "@/lib/console-users/list-console-users";

export const metadata: Metadata = { title: "Console users" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ConsoleUsersPage() {
  const currentUser = await requirePagePermission("console_users:manage");
  const [users, security] = await Promise.all([listConsoleUsers(), readConsoleSecuritySettings(db())]);
  return (
    <>
      <PageHeader
        title="Console users"
        description="Administrators configure the product; helpdesk agents search the directory and verify callers."
      />
      <div className="space-y-6">
        <Card title="Add a console user" description="They receive a one-time password and choose their own at first sign-in.">
          <CreateConsoleUserForm />
        </Card>
        <Card title="Sign-in" description="Admins sign in with a password and a passkey; lost passkeys are reset here by another admin.">
          <ConsoleSecuritySettingsForm totpAllowed={security.totpAllowed} />
        </Card>
        <Card title={`${users.length} console user${users.length === 1 ? "" : "s"}`}>
          <ul className="divide-y divide-slate-100">
            {users.map((user) => (
              <li key={user.id} className="flex flex-col gap-3 py-4 lg:flex-row lg:items-start lg:justify-between" data-testid="console-user-row" data-user-id={user.id}>
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                    <span>{user.name}</span>
                    <Badge tone={user.role === "ADMIN" ? "brand" : "neutral"}>{ROLE_LABELS[user.role]}</Badge>
                    {user.status === "DISABLED" ? <Badge tone="danger">Disabled</Badge> : null}
                    {user.mustChangePassword && user.status === "ACTIVE" ? <Badge tone="warning">Password change pending</Badge> : null}
                    {user.id === currentUser.id ? <Badge>You</Badge> : null}
                    {user._count.passkeys > 0 ? <Badge tone="neutral">{`${user._count.passkeys} passkey${user._count.passkeys === 1 ? "" : "s"}`}</Badge> : user.role === "ADMIN" ? <Badge tone="warning">No passkey yet</Badge> : null}
                  </p>
                  <p className="truncate text-sm text-slate-500">{user.email}</p>
                  <p className="text-xs text-slate-400">
                    {user.lastSignInAt ? `Last sign-in ${dateFormat.format(user.lastSignInAt)} UTC` : "Never signed in"}
                  </p>
                </div>
                <ConsoleUserRowActions user={user} isSelf={user.id === currentUser.id} />
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
