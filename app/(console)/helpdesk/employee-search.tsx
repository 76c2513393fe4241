"use client";

import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { TextInput } from "@/components/ui/field";
import { CLAIM_LABELS, type ClaimName } from "@/lib/verification/claims";

type SearchResult = {
  id: string;
  name: string;
  login: string;
  email: string | null;
  employeeNumber: string | null;
  membership: "ACTIVE" | "INACTIVE";
  accountStatus: string;
  verifiability: { canVerify: true } | { canVerify: false; reason: "LEFT_GROUP" | "MISSING_REQUIRED_CLAIMS"; missing: ClaimName[] };
};

/** Search as you type: debounced, the newest answer wins, results are links to the employee's page. */
export function EmployeeSearch() {
  const inputId = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/directory/search?q=${encodeURIComponent(trimmed)}`, { signal: controller.signal });
        const body = (await response.json()) as { results?: SearchResult[]; error?: string };
        setError(response.ok ? null : (body.error ?? "Search failed."));
        setResults(body.results ?? []);
      } catch (caught) {
        if (!(caught instanceof DOMException && caught.name === "AbortError")) setError("Search failed. Check your connection.");
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  // Fewer than 2 characters: nothing is searched, and stale results are hidden rather than cleared.
  const shown = query.trim().length >= 2 ? results : null;
  return (
    <div className="space-y-3">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">Find the employee</label>
      <TextInput
        id={inputId}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder="Name, e-mail, login, phone or employee number"
        autoComplete="off"
        autoFocus
        aria-describedby={`${inputId}-status`}
      />
      <p id={`${inputId}-status`} className="sr-only" aria-live="polite">{shown ? `${shown.length} results` : ""}</p>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {shown && shown.length === 0 ? <p className="text-sm text-slate-500">Nobody in the synced directory matches “{query.trim()}”.</p> : null}
      {shown && shown.length > 0 ? (
        <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" data-testid="search-results">
          {shown.map((result) => (
            <li key={result.id}>
              <Link href={`/directory/${result.id}`} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-slate-50 focus:bg-slate-50 focus:outline-none">
                <span className="min-w-0">
                  <span className="block font-medium text-slate-900">{result.name}</span>
                  <span className="block truncate text-xs text-slate-500">{result.login}{result.employeeNumber ? ` · ${result.employeeNumber}` : ""}</span>
                </span>
                <span className="flex flex-wrap gap-1.5">
                  {result.accountStatus !== "ACTIVE" ? <Badge tone="warning">{result.accountStatus.toLowerCase().replaceAll("_", " ")}</Badge> : null}
                  {result.verifiability.canVerify ? (
                    <Badge tone="success">Can be verified</Badge>
                  ) : result.verifiability.reason === "LEFT_GROUP" ? (
                    <Badge>Left the group: cannot be verified</Badge>
                  ) : (
                    <Badge tone="warning">Missing {result.verifiability.missing.map((claim) => CLAIM_LABELS[claim]).join(", ")}</Badge>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
