"use client";

import { useEffect, useRef, useState } from "react";
import { simulatePolicyAction } from "@/app/(console)/settings/verification-policy/actions";
import type { IamProvider } from "@/lib/db/generated/enums";
import type { PolicySimulation } from "@/lib/verification/policy/simulate-policy";
import { type PolicyClaims, policyClaimsSchema } from "@/lib/verification/policy/verification-policy-schema";

/** What the page and the action hand over: null when no identity provider is connected. */
export type DirectorySimulation = { provider: IamProvider; simulation: PolicySimulation } | null;

type SimulationState = { result: DirectorySimulation; pending: boolean; error?: string };

const DEBOUNCE_MS = 350;

/**
 * Re-runs the simulation on the server whenever the unsaved claims change, debounced so a burst of clicks costs
 * one query. Answers that arrive after a newer request was sent are dropped, so the panel never goes backwards.
 */
export function usePolicySimulation(claims: PolicyClaims, initial: DirectorySimulation): SimulationState {
  const [state, setState] = useState<SimulationState>({ result: initial, pending: false });
  // Keyed by content: the form hands over a new claims object on every change of any field.
  const key = JSON.stringify(claims);
  const simulatedKey = useRef(key);
  const latestRequest = useRef(0);

  useEffect(() => {
    if (key === simulatedKey.current) return;
    const parsed = policyClaimsSchema.safeParse(JSON.parse(key));
    if (!parsed.success) return;
    const request = ++latestRequest.current;
    const timer = setTimeout(async () => {
      setState((previous) => ({ ...previous, pending: true }));
      const response = await simulatePolicyAction({ claims: parsed.data }).catch(() => null);
      if (request !== latestRequest.current) return;
      simulatedKey.current = key;
      if (response?.ok) setState({ result: response.data, pending: false });
      else setState((previous) => ({ ...previous, pending: false, error: response?.error ?? "The simulation could not run. Try again in a moment." }));
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);

  return state;
}
