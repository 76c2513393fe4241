import type { Metadata } from "next";
import Link from "next/link";
import { AuditEventTable } from "@/components/console/audit-event-table";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { summariseRecentActivity } from "@/lib/audit/summarise-recent-activity";
import { requirePagePermission } from "@/lib/auth/guards";
import { roleHasPermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { PROVIDER_LABELS } from "@/lib/connections/provider-labels";

export const metadata: Metadata = { title: "Dashboard" };

function Stat({ label, value, hint }: { label: string; value: number | string; hint?: string }) {
  return (
    <div className="rounded-lg bg-white px-5 py-4 shadow-xs ring-1 ring-slate-200">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900">{value}</p>
      {hint ? <p className="mt-1 text-xs text-slate-400">{hint}</p> : null}
    </div>
  );
}

export default async function DashboardPage() {
  const user = await requirePagePermission("dashboard:view");
  const canAudit = roleHasPermission(user.role, "audit:view");
  const [activity, recent, connection, activeEmployees] = await Promise.all([
    canAudit ? summariseRecentActivity() : undefined,
    canAudit ? listAuditEvents({}) : undefined,
    db().iamConnection.findUnique({ where: { singleton: true }, select: { provider: true, status: true, lastSyncedAt: true } }),
    db().employee.count({ where: { membership: "ACTIVE" } }),
  ]);
  const providerName = connection ? PROVIDER_LABELS[connection.provider] : null;

  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} description="The state of identity verification in your organisation." />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="rounded-lg bg-white px-5 py-4 shadow-xs ring-1 ring-slate-200">
          <p className="text-sm text-slate-500">Identity provider</p>
          <p className="mt-2 flex flex-wrap items-center gap-2">
            {providerName ? <span className="text-sm font-medium text-slate-900">{providerName}</span> : null}
            <Badge tone={connection?.status === "ACTIVE" ? "success" : "warning"}>
              {connection ? (connection.status === "ACTIVE" ? "Active" : connection.status === "INCOMPLETE" ? "Incomplete" : "Error") : "Not connected"}
            </Badge>
          </p>
          {connection ? (
            <p className="mt-2 text-xs text-slate-500">{activeEmployees.toLocaleString("en")} employees synced</p>
          ) : roleHasPermission(user.role, "settings:manage") ? (
            <Link href="/settings/identity-provider" className="mt-2 block text-xs font-medium text-brand-700 hover:underline">
              Connect Entra ID or Okta
            </Link>
          ) : null}
        </div>
        {activity ? (
          <>
            <Stat label="Sign-ins (24 h)" value={activity.signIns} />
            <Stat label="Failed sign-ins (24 h)" value={activity.failedSignIns} hint={`${activity.rateLimited} slowed by the throttle, ${activity.securityAlerts} security ${activity.securityAlerts === 1 ? "alert" : "alerts"}`} />
            <Stat label="Console users" value={activity.activeUsers} hint={`${activity.disabledUsers} disabled`} />
          </>
        ) : null}
      </div>
      {recent ? (
        <div className="mt-8">
          <Card
            title="Recent activity"
            actions={
              <Link href="/audit" className="text-sm font-medium text-brand-700 hover:underline">
                Open the audit log
              </Link>
            }
          >
            <AuditEventTable events={recent.events.slice(0, 8)} compact />
          </Card>
        </div>
      ) : null}
    </>
  );
}
