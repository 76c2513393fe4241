import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";
import { db } from "@/lib/db/prisma";
import { PROFILE_FIELDS } from "@/lib/directory/employee-fields";

export const metadata: Metadata = { title: "Employee" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function EmployeePage({ params }: { params: Promise<{ employeeId: string }> }) {
  await requirePagePermission("directory:view");
  const id = z.uuid().safeParse((await params).employeeId);
  if (!id.success) notFound();
  const employee = await db().employee.findUnique({ where: { id: id.data } });
  if (!employee) notFound();
  const name = [employee.firstName, employee.lastName].filter(Boolean).join(" ") || employee.login;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/directory" className="font-medium text-brand-700 hover:underline">← Directory</Link>
      </p>
      <PageHeader
        title={name}
        description={employee.login}
        actions={
          <span className="flex gap-2">
            {employee.membership === "INACTIVE" ? <Badge>Left the group</Badge> : <Badge tone="success">In the group</Badge>}
            <Badge tone={employee.accountStatus === "ACTIVE" ? "success" : "warning"}>{employee.accountStatus.toLowerCase().replaceAll("_", " ")}</Badge>
          </span>
        }
      />
      <div className="space-y-6">
        <Card title="Profile" description="As last synced from the identity provider. Missing fields limit which claims a verification can match.">
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {PROFILE_FIELDS.map((field) => (
              <div key={field.key}>
                <dt className="text-xs text-slate-500">{field.label}</dt>
                <dd className={`text-sm ${employee[field.key] ? "text-slate-900" : "text-amber-700"}`}>{employee[field.key] ?? "Missing"}</dd>
              </div>
            ))}
            <div>
              <dt className="text-xs text-slate-500">Employee number</dt>
              <dd className="text-sm text-slate-900">{employee.employeeNumber ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Admin roles</dt>
              <dd className="text-sm text-slate-900">{employee.adminRoles.length ? employee.adminRoles.join(", ") : "None known"}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Last synced</dt>
              <dd className="text-sm text-slate-900">{when.format(employee.lastSyncedAt)} UTC</dd>
            </div>
          </dl>
        </Card>
      </div>
    </>
  );
}
