import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CLAIM_LABELS, type ClaimName } from "@/lib/verification/claims";
import type { Decision } from "@/lib/verification/decision/compute-decision";

const OUTCOME: Record<string, { label: string; tone: BadgeTone }> = {
  MATCH: { label: "Match", tone: "success" },
  MISMATCH: { label: "Mismatch", tone: "danger" },
  MISSING_IN_DIRECTORY: { label: "Not in directory", tone: "warning" },
  MISSING_IN_EVIDENCE: { label: "Not in evidence", tone: "warning" },
};
const SOURCE: Record<string, string> = { DOCUMENT: "ID document", POSSESSION: "Confirmed code", EMPLOYEE: "Typed by employee" };
const CHECK: Record<string, string> = { POSSESSION_CODE: "Possession code", ID_DOCUMENT: "ID document", LIVE_FACE: "Live face" };

/** The explainable part: each claim's outcome, score, source and reason, and each check. */
export function DecisionTable({ decision }: { decision: Decision }) {
  return (
    <Card title="Claims" description="Evidence compared with the synced directory profile under the policy the verification ran with.">
      <div className="-mx-5 overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th scope="col" className="px-5 py-2 font-medium">Claim</th>
              <th scope="col" className="px-3 py-2 font-medium">Policy</th>
              <th scope="col" className="px-3 py-2 font-medium">Directory</th>
              <th scope="col" className="px-3 py-2 font-medium">Evidence</th>
              <th scope="col" className="px-3 py-2 font-medium">Result</th>
              <th scope="col" className="px-3 py-2 font-medium">Score</th>
              <th scope="col" className="px-3 py-2 font-medium">Source</th>
              <th scope="col" className="px-5 py-2 font-medium">Reason</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {decision.claims.map((claim) => (
              <tr key={claim.claim} className={claim.decisive ? "bg-red-50/50" : undefined}>
                <th scope="row" className="px-5 py-2 text-left font-medium text-slate-900">{CLAIM_LABELS[claim.claim as ClaimName] ?? claim.claim}</th>
                <td className="px-3 py-2 text-slate-600">{claim.requirement.toLowerCase()}</td>
                <td className="px-3 py-2 text-slate-700">{claim.directoryValue ?? "—"}</td>
                <td className="px-3 py-2 text-slate-700">{claim.evidenceValue ?? "—"}</td>
                <td className="px-3 py-2"><Badge tone={OUTCOME[claim.outcome]?.tone ?? "neutral"}>{OUTCOME[claim.outcome]?.label ?? claim.outcome}</Badge></td>
                <td className="px-3 py-2 tabular-nums text-slate-600">{claim.score === null ? "—" : claim.score.toFixed(2)}</td>
                <td className="px-3 py-2 text-slate-600">{claim.source ? SOURCE[claim.source] ?? claim.source : "—"}</td>
                <td className="px-5 py-2 text-slate-700">{claim.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="mt-4 space-y-1 text-sm">
        {decision.checks.map((check) => (
          <li key={check.check} className="flex items-center gap-2">
            <Badge tone={check.passed ? "success" : "danger"}>{check.passed ? "Passed" : "Failed"}</Badge>
            <span className="font-medium text-slate-800">{CHECK[check.check] ?? check.check}</span>
            <span className="text-slate-600">{check.detail}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
