"use client";

import type { ReactNode } from "react";
import { type UseFormRegisterReturn, type UseFormReturn, useWatch } from "react-hook-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import {
  OKTA_PASSWORD_RESET_METHOD_LABELS,
  OKTA_PASSWORD_RESET_METHODS,
  type OktaPasswordResetMethodChoice,
  type SaveVerificationPolicyInput,
} from "@/lib/verification/policy/verification-policy-schema";

type Form = UseFormReturn<SaveVerificationPolicyInput>;

const checkboxClasses = "mt-0.5 size-4 rounded border-slate-300 accent-brand-600";

const RESET_ACTIONS = [
  { name: "allowPasswordReset", label: "Password reset", hint: "A new password, handed over as the provider allows (see below for Okta)." },
  { name: "allowMfaReset", label: "MFA reset", hint: "Removes the enrolled factors; the next sign-in asks the employee to enrol again." },
  { name: "allowAccountUnlock", label: "Account unlock", only: "Okta only", hint: "Unlocks an account locked out after too many wrong passwords. Entra ID has no API for this." },
] as const;

const OKTA_METHOD_HINTS: Record<OktaPasswordResetMethodChoice, string> = {
  TEMPORARY_PASSWORD: "The employee sees it once and must choose a new one at the next sign-in.",
  RESET_LINK: "The employee follows a one-time Okta link and chooses a new password there.",
};

/** A checkbox named by its label alone (the hint only describes it), so "Password reset" is all a screen reader names. */
function CheckboxRow({ registration, label, only, hint, id }: { registration: UseFormRegisterReturn; label: string; only?: string; hint: ReactNode; id: string }) {
  return (
    <div className="flex items-start gap-3">
      <input id={id} type="checkbox" className={checkboxClasses} aria-describedby={`${id}-hint`} {...registration} />
      <div>
        <label htmlFor={id} className="flex cursor-pointer flex-wrap items-center gap-2 text-sm font-medium text-slate-800">
          {label}
          {only ? <Badge>{only}</Badge> : null}
        </label>
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      </div>
    </div>
  );
}

/**
 * The self-service portal and what a VERIFIED employee (or the agent for them) may do next. Settings that apply to
 * one provider only are labelled so; the other provider ignores them. Settings that depend on another one (the
 * Temporary Access Pass on the MFA reset, the Okta method on the password reset) stay editable but are dimmed while
 * they have no effect, so the values saved are always the ones shown.
 */
export function AfterVerificationFields({ form }: { form: Form }) {
  const { errors } = form.formState;
  const [allowPasswordReset, allowMfaReset] = useWatch({ control: form.control, name: ["allowPasswordReset", "allowMfaReset"] });
  const selfServiceError = errors.selfServiceEnabled?.message;

  return (
    <Card title="After verification" description="Where employees can start a verification, and what a verified employee may do next.">
      <div className="space-y-5">
        <fieldset className="space-y-2" aria-describedby={selfServiceError ? "self-service-error" : undefined}>
          <legend className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Self-service</legend>
          <CheckboxRow
            id="self-service"
            registration={form.register("selfServiceEnabled")}
            label="Self-service portal"
            hint="Employees can start a verification themselves, without calling the service desk. It always needs the ID document check."
          />
          {selfServiceError ? (
            <p id="self-service-error" role="alert" className="text-xs font-medium text-red-700">
              {selfServiceError}
            </p>
          ) : null}
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Allowed actions</legend>
          {RESET_ACTIONS.map((action) => (
            <CheckboxRow
              key={action.name}
              id={`action-${action.name}`}
              // The self-service rules read these too: re-check the portal switch whenever one changes.
              registration={form.register(action.name, { deps: ["selfServiceEnabled"] })}
              label={action.label}
              only={"only" in action ? action.only : undefined}
              hint={action.hint}
            />
          ))}
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">How credentials are handed over</legend>
          <div className={allowMfaReset ? undefined : "opacity-60"}>
            <CheckboxRow
              id="temporary-access-pass"
              registration={form.register("issueTemporaryAccessPass")}
              label="Issue a Temporary Access Pass"
              only="Microsoft Entra ID only"
              hint={
                allowMfaReset
                  ? "After an MFA reset, the employee gets a single-use pass to sign in with and enrol new methods."
                  : "Applies only when MFA reset is allowed."
              }
            />
          </div>
          <OktaPasswordMethod form={form} active={allowPasswordReset} />
        </fieldset>
      </div>
    </Card>
  );
}

/** The Okta password hand-over as a radio group; native radios, so arrow keys and screen readers work as usual. */
function OktaPasswordMethod({ form, active }: { form: Form; active: boolean }) {
  const error = form.formState.errors.oktaPasswordResetMethod?.message;
  return (
    <div
      role="radiogroup"
      aria-labelledby="okta-method-label"
      aria-describedby={error ? "okta-method-error" : "okta-method-hint"}
      className={active ? "space-y-2" : "space-y-2 opacity-60"}
    >
      <p id="okta-method-label" className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-800">
        Okta password reset
        <Badge>Okta only</Badge>
      </p>
      <p id="okta-method-hint" className="text-xs text-slate-500">
        {active ? "How an employee gets the new password. Entra ID always uses a temporary password." : "Applies only when password reset is allowed."}
      </p>
      {OKTA_PASSWORD_RESET_METHODS.map((method) => (
        <div key={method} className="flex items-start gap-3 pl-1">
          <input
            id={`okta-method-${method}`}
            type="radio"
            value={method}
            aria-describedby={`okta-method-${method}-hint`}
            className="mt-0.5 size-4 border-slate-300 accent-brand-600"
            {...form.register("oktaPasswordResetMethod")}
          />
          <div>
            <label htmlFor={`okta-method-${method}`} className="block cursor-pointer text-sm text-slate-800">
              {OKTA_PASSWORD_RESET_METHOD_LABELS[method]}
            </label>
            <p id={`okta-method-${method}-hint`} className="text-xs text-slate-500">
              {OKTA_METHOD_HINTS[method]}
            </p>
          </div>
        </div>
      ))}
      {error ? (
        <p id="okta-method-error" role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
