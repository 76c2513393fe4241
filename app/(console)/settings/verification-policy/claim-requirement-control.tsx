"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { CLAIM_REQUIREMENT_LABELS, CLAIM_REQUIREMENTS, type ClaimRequirement } from "@/lib/verification/policy/verification-policy-schema";

// A checked segment says what it means at a glance: strong for Required, soft for Optional, grey for Off.
const CHECKED: Record<ClaimRequirement, string> = {
  REQUIRED: "peer-checked:bg-brand-600 peer-checked:text-white",
  OPTIONAL: "peer-checked:bg-brand-100 peer-checked:text-brand-900",
  OFF: "peer-checked:bg-slate-200 peer-checked:text-slate-900",
};

type Props = { id: string; label: string; registration: UseFormRegisterReturn; error?: string };

/**
 * One claim's Required / Optional / Off choice as a segmented control. Native radio buttons underneath, so it
 * is a real radio group: arrow keys move the choice and screen readers announce "Required, 1 of 3".
 */
export function ClaimRequirementControl({ id, label, registration, error }: Props) {
  return (
    <div className="flex flex-col gap-1.5 py-2.5 sm:flex-row sm:flex-wrap sm:items-center sm:justify-between sm:gap-x-4">
      <span id={`${id}-label`} className="text-sm font-medium text-slate-800">
        {label}
      </span>
      <div
        role="radiogroup"
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        className={`flex w-full rounded-md bg-white p-0.5 ring-1 ring-inset sm:inline-flex sm:w-auto ${error ? "ring-red-400" : "ring-slate-300"}`}
      >
        {CLAIM_REQUIREMENTS.map((requirement) => (
          <label key={requirement} className="relative flex-1 cursor-pointer sm:flex-none">
            <input type="radio" value={requirement} {...registration} className="peer sr-only" />
            <span
              className={`block min-w-[4.75rem] rounded px-3 py-1.5 text-center text-xs font-medium text-slate-600 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-1 peer-focus-visible:outline-brand-500 peer-disabled:cursor-not-allowed ${CHECKED[requirement]}`}
            >
              {CLAIM_REQUIREMENT_LABELS[requirement]}
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="w-full text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
