import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { FaceEvidence } from "@/lib/face/face-analysis";
import type { DecisionAssurance } from "@/lib/verification/decision/decision-assurance";
import { MINIMUM_ASSURANCE_PURPOSE_LABELS } from "@/lib/verification/policy/minimum-assurance";

const EVIDENCE: Record<string, string> = {
  POSSESSION_CODE: "Possession code",
  ID_DOCUMENT: "ID document",
  LIVE_FACE: "Live face",
  SIGNED_CREDENTIAL: "Signed digital ID",
  AGENT_CHECK: "Agent check",
};
const PORTRAIT: Record<string, string> = { PASSPORT_PHOTO_PAGE: "passport photo page", ID_CARD_FRONT: "ID card front", LICENCE_FRONT: "licence front", MDOC_PORTRAIT: "wallet ID's signed portrait" };
const score = (value: number) => value.toFixed(2);

/** For the agent only: how strong the evidence was, and the face check's numbers (the employee sees neither). */
export function AssuranceCard({ assurance, face }: { assurance: DecisionAssurance; face: FaceEvidence | null }) {
  return (
    <Card title={`Assurance: ${assurance.label}`} description={`${MINIMUM_ASSURANCE_PURPOSE_LABELS[assurance.purpose]} requires at least: ${assurance.requiredLabel}.`}>
      <div className="space-y-4" data-testid="assurance">
        <Badge tone={assurance.meetsPolicy ? "success" : "danger"}>{assurance.meetsPolicy ? "Meets the policy" : "Below the policy"}</Badge>
        <ul className="space-y-2 text-sm">
          {assurance.evidence.map((rated) => (
            <li key={rated.evidence}>
              <p className="flex flex-wrap items-center gap-2">
                <Badge tone={rated.reaches === "NONE" ? "warning" : "neutral"}>{rated.reaches === "NONE" ? "Not counted" : "Counted"}</Badge>
                <span className="font-medium text-slate-800">{EVIDENCE[rated.evidence] ?? rated.evidence}</span>
                <span className="text-xs text-slate-500">
                  strength {rated.strength.toLowerCase()} · validation {rated.validation.toLowerCase().replace("_", " ")} · binding {rated.binding.toLowerCase().replace("_", " ")}
                </span>
              </p>
              <p className="text-slate-600">{rated.reason}</p>
            </li>
          ))}
          {assurance.evidence.length === 0 ? <li className="text-slate-600">{assurance.reasons[0]}</li> : null}
        </ul>
        {face ? (
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3" data-testid="face-check">
            {[
              ["Portrait", PORTRAIT[face.portraitSource] ?? face.portraitSource],
              ["Similarity", `${score(face.similarity)} (threshold ${score(face.threshold)})`],
              ["Anti-spoof", score(face.antispoofScore)],
              ["Liveness", score(face.livenessScore)],
              ["Challenge", face.challengePassed ? "passed" : "failed"],
              ["Face check", face.passed ? "passed" : "failed"],
            ].map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </div>
    </Card>
  );
}
