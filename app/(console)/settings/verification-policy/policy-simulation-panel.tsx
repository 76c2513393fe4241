"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { DirectorySimulation } from "@/app/(console)/settings/verification-policy/use-policy-simulation";
import { Alert } from "@/components/ui/alert";
import { capabilitiesOf } from "@/lib/iam/provider-capabilities";
import { CLAIM_LABELS, CLAIM_NAMES } from "@/lib/verification/claims";
import { SIMULATION_BLOCKED_LIMIT } from "@/lib/verification/policy/simulation-limits";
import type { PolicyClaims } from "@/lib/verification/policy/verification-policy-schema";
import { PROVIDER_LABELS } from "@/lib/connections/provider-labels";

type Props = { claims: PolicyClaims; result: DirectorySimulation; pending: boolean; error?: string };

const number = (value: number) => value.toLocaleString("en");

function Plain({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-1 text-sm" data-testid="simulation-empty">
      <p className="font-medium text-slate-800">{title}</p>
      <p className="text-slate-600">{children}</p>
    </div>
  );
}

/** Who could pass under the claims as they stand in the form, before saving. */
export function PolicySimulationPanel({ claims, result, pending, error }: Props) {
  if (!result) {
    return (
      <Plain title="No identity provider connected">
        There are no employees to simulate yet. <Link href="/settings/identity-provider" className="font-medium text-brand-700 hover:underline">Connect your identity provider</Link>; once the directory has synced, this shows who could pass.
      </Plain>
    );
  }
  const { simulation, provider } = result;
  if (simulation.totalActive === 0) {
    return <Plain title="No employees synced yet">The directory has no active employees yet. After the first directory sync this shows how many could pass.</Plain>;
  }

  const share = simulation.canPass / simulation.totalActive;
  return (
    <div className={`space-y-5 transition-opacity ${pending ? "opacity-60" : ""}`} aria-busy={pending} data-testid="simulation">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="space-y-2">
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="simulation-headline">
          <span className="text-2xl font-semibold text-slate-900">{number(simulation.canPass)}</span> of {number(simulation.totalActive)} active employees can pass
        </p>
        <div
          className="h-2.5 overflow-hidden rounded-full bg-amber-100"
          role="meter"
          aria-label="Share of active employees who can pass"
          aria-valuemin={0}
          aria-valuemax={simulation.totalActive}
          aria-valuenow={simulation.canPass}
        >
          <div className="h-full rounded-full bg-emerald-500 transition-all" style={{ width: `${share * 100}%` }} />
        </div>
        {simulation.cannotPass > 0 ? (
          <p className="text-xs text-slate-500">{number(simulation.cannotPass)} cannot: their directory profile lacks a Required claim. Fill it in at the identity provider, or relax the claim.</p>
        ) : (
          <p className="text-xs text-slate-500">Every active employee has all Required claims in the directory.</p>
        )}
      </div>

      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Missing in the directory</h3>
        <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="simulation-missing">
          {CLAIM_NAMES.map((claim) => {
            const missing = simulation.missingByClaim[claim];
            const blocks = claims[claim] === "REQUIRED" && missing > 0;
            return (
              <li key={claim} className="flex items-center justify-between gap-3 py-1.5">
                <span className={claims[claim] === "OFF" ? "text-slate-400" : "text-slate-700"}>{CLAIM_LABELS[claim]}</span>
                <span className={`tabular-nums ${blocks ? "font-semibold text-amber-700" : "text-slate-500"}`}>
                  {number(missing)}
                  {blocks ? <span className="ml-1 text-xs font-medium">blocking</span> : null}
                </span>
              </li>
            );
          })}
        </ul>
        {capabilitiesOf(provider).birthdaySource === "per_employee" && claims.dateOfBirth !== "OFF" ? (
          <p className="mt-2 text-xs text-slate-500">
            {PROVIDER_LABELS[provider]} gives dates of birth only when one user is read: verifyd fills them in for the synced directory in the background (throttled batches every 10 minutes), so this count falls as that proceeds, and a verification reads its employee&apos;s date of birth live.
          </p>
        ) : null}
      </div>

      {simulation.blocked.length > 0 ? (
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            Cannot pass{simulation.cannotPass > SIMULATION_BLOCKED_LIMIT ? ` (first ${SIMULATION_BLOCKED_LIMIT} of ${number(simulation.cannotPass)}, by login)` : ""}
          </h3>
          <ul className="mt-2 max-h-96 divide-y divide-slate-100 overflow-y-auto rounded-md px-3 text-sm ring-1 ring-slate-200" data-testid="simulation-blocked">
            {simulation.blocked.map((employee) => (
              <li key={employee.employeeId} className="py-2">
                <Link href={`/directory/${employee.employeeId}`} className="font-medium text-brand-700 hover:underline">
                  {employee.name ?? employee.login}
                </Link>
                {employee.name ? <span className="block truncate text-xs text-slate-500" title={employee.login}>{employee.login}</span> : null}
                <span className="block text-xs text-amber-700">Missing: {employee.missing.map((claim) => CLAIM_LABELS[claim]).join(", ")}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
