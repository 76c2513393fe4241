"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { saveVerificationPolicyAction } from "@/app/(console)/settings/verification-policy/actions";
import { AfterVerificationFields } from "@/app/(console)/settings/verification-policy/after-verification-fields";
import { ClaimRequirementControl } from "@/app/(console)/settings/verification-policy/claim-requirement-control";
import { MinimumAssuranceFields } from "@/app/(console)/settings/verification-policy/minimum-assurance-fields";
import { PolicySettingsFields } from "@/app/(console)/settings/verification-policy/policy-settings-fields";
import { PolicySimulationPanel } from "@/app/(console)/settings/verification-policy/policy-simulation-panel";
import { type DirectorySimulation, usePolicySimulation } from "@/app/(console)/settings/verification-policy/use-policy-simulation";
import { applyServerFieldErrors } from "@/components/forms/apply-server-field-errors";
import { useStepUp } from "@/components/console/step-up-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CLAIM_LABELS, CLAIM_NAMES } from "@/lib/verification/claims";
import { ASSURANCE_PURPOSES } from "@/lib/verification/policy/minimum-assurance";
import { type SaveVerificationPolicyInput, saveVerificationPolicyInputSchema } from "@/lib/verification/policy/verification-policy-schema";

type Props = { policy: SaveVerificationPolicyInput; initialSimulation: DirectorySimulation; canManage: boolean };
type Notice = { tone: "success" | "info" | "error"; text: string; stale?: boolean };

/** The policy editor beside its live simulation. Saving writes a new version; the page then shows it in the history. */
export function PolicyForm({ policy, initialSimulation, canManage }: Props) {
  const [notice, setNotice] = useState<Notice>();
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp();
  const form = useForm<SaveVerificationPolicyInput>({ resolver: zodResolver(saveVerificationPolicyInputSchema), defaultValues: policy });
  const { errors } = form.formState;
  const claims = useWatch({ control: form.control, name: "claims" });
  const simulation = usePolicySimulation(claims, initialSimulation);

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setNotice(undefined);
      const result = await withStepUp(() => saveVerificationPolicyAction(values));
      if (result.ok) {
        form.reset({ ...values, expectedVersion: result.data.version });
        setNotice(
          result.data.changed
            ? { tone: "success", text: `Saved as version ${result.data.version}. New verifications use it; those already under way keep the version they started with.` }
            : { tone: "info", text: `Nothing changed, so no new version was saved (still version ${result.data.version}).` },
        );
        return;
      }
      setNotice({ tone: "error", text: result.error, stale: result.code === "conflict" });
      applyServerFieldErrors(form.setError, values, result.fieldErrors);
      // Errors on one claim come back as "claims.<claim>", which the shared helper leaves to the form message.
      for (const claim of CLAIM_NAMES) {
        const message = result.fieldErrors?.[`claims.${claim}`]?.[0];
        if (message) form.setError(`claims.${claim}`, { message });
      }
      for (const purpose of ASSURANCE_PURPOSES) {
        const message = result.fieldErrors?.[`minimumAssurance.${purpose}`]?.[0];
        if (message) form.setError(`minimumAssurance.${purpose}`, { message });
      }
    }),
  );

  return (
    // On a phone the simulation comes right after the claims it reacts to; on a wide screen it sits beside them.
    <form onSubmit={onSubmit} noValidate className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]">
      <fieldset disabled={!canManage || pending} className="min-w-0 lg:col-start-1 lg:row-start-1">
        <legend className="sr-only">Claims</legend>
        <Card
          title="Claims"
          description={
            <>
              <strong className="font-medium text-slate-700">Required</strong>: must be in the directory and in the evidence, and match.{" "}
              <strong className="font-medium text-slate-700">Optional</strong>: compared when both have it; a mismatch fails.{" "}
              <strong className="font-medium text-slate-700">Off</strong>: not compared.
            </>
          }
        >
          {errors.claims?.message ? (
            <p role="alert" className="mb-2 text-xs font-medium text-red-700" data-testid="claims-error">
              {errors.claims.message}
            </p>
          ) : null}
          <div className="divide-y divide-slate-100">
            {CLAIM_NAMES.map((claim) => (
              <ClaimRequirementControl
                key={claim}
                id={`claim-${claim}`}
                label={CLAIM_LABELS[claim]}
                registration={form.register(`claims.${claim}`)}
                error={errors.claims?.[claim]?.message}
              />
            ))}
          </div>
        </Card>
      </fieldset>
      <div className="min-w-0 lg:col-start-2 lg:row-span-2 lg:row-start-1">
        <Card title="Policy simulation" description={simulation.pending ? "Updating…" : "Who could pass with these claims, before you save."}>
          <PolicySimulationPanel claims={claims} result={simulation.result} pending={simulation.pending} error={simulation.error} />
        </Card>
      </div>
      <fieldset disabled={!canManage || pending} className="min-w-0 space-y-6 lg:col-start-1 lg:row-start-2">
        <legend className="sr-only">Checks, link, attempts and what follows a verification</legend>
        <PolicySettingsFields form={form} />
        <MinimumAssuranceFields form={form} />
        <AfterVerificationFields form={form} />
        {canManage ? (
          <div className="space-y-3">
            {notice ? (
              <Alert tone={notice.tone}>
                {notice.text}
                {notice.stale ? (
                  <button type="button" onClick={() => window.location.reload()} className="ml-2 font-medium underline">
                    Reload
                  </button>
                ) : null}
              </Alert>
            ) : null}
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save as a new version"}
            </Button>
          </div>
        ) : (
          <Alert tone="info">Only administrators can change the verification policy.</Alert>
        )}
      </fieldset>
    </form>
  );
}
