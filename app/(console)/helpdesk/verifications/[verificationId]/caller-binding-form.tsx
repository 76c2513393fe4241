"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { confirmCallerBindingAction } from "@/app/(console)/helpdesk/actions";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

/** The agent types the code the caller reads from their screen. */
export function CallerBindingForm({ id }: { id: string }) {
  const router = useRouter();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        startTransition(async () => {
          const result = await confirmCallerBindingAction({ id, code });
          if (!result.ok) setError(result.error);
          else if (!result.data.ok) setError(`That is not the code on the employee's screen. ${result.data.attemptsLeft} ${result.data.attemptsLeft === 1 ? "attempt" : "attempts"} left.`);
          router.refresh();
        });
      }}
    >
      <div className="w-48">
        <Field label="Code the caller reads out" htmlFor="binding-code" error={error ?? undefined}>
          <TextInput id="binding-code" value={code} onChange={(event) => setCode(event.target.value)} autoComplete="off" className="font-mono uppercase tracking-widest" placeholder="ABC-123" aria-invalid={error ? true : undefined} />
        </Field>
      </div>
      <Button type="submit" disabled={pending || code.trim() === ""}>Confirm caller</Button>
    </form>
  );
}
