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
 * `pending` is true from the moment the claims differ from the simulated ones, debounce included.
 */
export function usePolicySimulation(claims: PolicyClaims, initial: DirectorySimulation): SimulationState {
  // Keyed by content: the form hands over a new claims object on every change of any field.
  const key = JSON.stringify(claims);
  const [state, setState] = useState<{ result: DirectorySimulation; simulatedKey: string; error?: string }>({ result: initial, simulatedKey: key });
  const requestedKey = useRef(key);
  const latestRequest = useRef(0);

  useEffect(() => {
    if (key === requestedKey.current) return;
    requestedKey.current = key;
    const parsed = policyClaimsSchema.safeParse(JSON.parse(key));
    if (!parsed.success) return;
    const request = ++latestRequest.current;
    const timer = setTimeout(async () => {
      const response = await simulatePolicyAction({ claims: parsed.data }).catch(() => null);
      if (request !== latestRequest.current) return;
      if (response?.ok) setState({ result: response.data, simulatedKey: key });
      else setState((previous) => ({ ...previous, simulatedKey: key, error: response?.error ?? "The simulation could not run. Try again in a moment." }));
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);

  return { result: state.result, pending: key !== state.simulatedKey, error: state.error };
}
