"use client";

import type { UseFormReturn } from "react-hook-form";
import { Card } from "@/components/ui/card";
import { Field, Select, TextInput } from "@/components/ui/field";
import { ASSURANCE_LABELS } from "@/lib/verification/assurance/assurance-levels";
import { ASSURANCE_PURPOSES, HELPDESK_MINIMUM_CHOICES, MINIMUM_ASSURANCE_PURPOSE_LABELS, SELF_SERVICE_MINIMUM_CHOICES } from "@/lib/verification/policy/minimum-assurance";
import type { SaveVerificationPolicyInput } from "@/lib/verification/policy/verification-policy-schema";

const HINTS: Record<(typeof ASSURANCE_PURPOSES)[number], string> = {
  HELPDESK_CHECK: "The agent confirms a caller; nothing changes on the account.",
  PASSWORD_RESET: "An agent-started verification before the agent resets the password.",
  MFA_RESET: "An agent-started verification before the agent resets the sign-in methods: the step attackers aim for.",
  ACCOUNT_RECOVERY: "No agent, and whoever types the address picks the account: document data alone, which anyone can print, never unlocks it.",
  IDP_VERIFICATION: "Okta's recovery and enrolment pages send the employee here first (custom ID verification): no agent there either.",
};

/** The lowest assurance level each purpose needs; a verification below it fails with the reason. */
export function MinimumAssuranceFields({ form }: { form: UseFormReturn<SaveVerificationPolicyInput> }) {
  const { errors } = form.formState;
  return (
    <Card title="Minimum assurance" description="How strong the evidence must be, per purpose. A verification whose claims match but whose evidence is weaker fails.">
      <div className="space-y-4">
        {ASSURANCE_PURPOSES.map((purpose) => {
          const choices = purpose === "ACCOUNT_RECOVERY" || purpose === "IDP_VERIFICATION" ? SELF_SERVICE_MINIMUM_CHOICES : HELPDESK_MINIMUM_CHOICES;
          return (
            <Field key={purpose} label={MINIMUM_ASSURANCE_PURPOSE_LABELS[purpose]} htmlFor={`minimum-${purpose}`} hint={HINTS[purpose]} error={errors.minimumAssurance?.[purpose]?.message}>
              <Select id={`minimum-${purpose}`} {...form.register(`minimumAssurance.${purpose}`, { deps: ["requireIdDocument"] })}>
                {choices.map((level) => (
                  <option key={level} value={level}>
                    {ASSURANCE_LABELS[level]}
                  </option>
                ))}
              </Select>
            </Field>
          );
        })}
        <Field
          label="Face match threshold"
          htmlFor="face-match-threshold"
          error={errors.faceMatchThreshold?.message}
          hint="How alike the live selfie and the document portrait must be (0.50–0.90). At 0.60, measured on real faces: 0.2% of strangers pass, 29% of genuine tries on hard photos need a retry. Higher refuses more strangers and more employees."
        >
          <TextInput
            id="face-match-threshold"
            type="number"
            inputMode="decimal"
            step={0.01}
            min={0.5}
            max={0.9}
            className="w-28"
            aria-invalid={Boolean(errors.faceMatchThreshold)}
            aria-describedby={errors.faceMatchThreshold ? "face-match-threshold-error" : "face-match-threshold-hint"}
            {...form.register("faceMatchThreshold", { valueAsNumber: true })}
          />
        </Field>
      </div>
    </Card>
  );
}
