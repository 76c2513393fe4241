import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Verification policy" };

const CLAIMS = ["First name", "Last name", "Date of birth", "Street", "City", "State", "Postal code", "Country", "E-mail", "Mobile phone"];

export default async function VerificationPolicyPage() {
  await requirePagePermission("settings:view");
  return (
    <>
      <PageHeader
        title="Verification policy"
        description="Which directory claims must match the evidence an employee presents, and which checks a verification needs."
      />
      <Card title="Claims" description="Matched against the synced directory profile of the employee being verified.">
        <ul className="grid grid-cols-1 gap-2 text-sm text-slate-700 sm:grid-cols-2">
          {CLAIMS.map((claim) => (
            <li key={claim} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
              {claim}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
