"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  addOktaKeyAction,
  confirmOktaCustomDomainAction,
  promoteOktaKeyAction,
  registerKeysInSandboxAction,
  requestSyncNowAction,
  testIamConnectionAction,
} from "@/app/(console)/settings/identity-provider/actions";
import { useStepUp } from "@/components/console/step-up-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Props = { active: boolean; okta: { hasNextKey: boolean; sandbox: boolean; keyVersion: number; needsCustomDomainConfirmation: boolean } | null };
type Notice = { tone: "success" | "error" | "info"; text: string };
type Result<T> = { ok: true; data: T } | { ok: false; error: string; code: string };

/** Test connection, Sync now and (Okta) key rotation. Results are shown inline; the page refreshes after each. */
export function ConnectionToolbar({ active, okta }: Props) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>();
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp();
  const run = <T,>(action: () => Promise<Result<T>>, describe: (data: T) => Notice) =>
    startTransition(async () => {
      setNotice(undefined);
      const result = await withStepUp(action);
      setNotice(result.ok ? describe(result.data) : { tone: "error", text: result.error });
      router.refresh();
    });

  return (
    <div className="space-y-3">
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {okta?.needsCustomDomainConfirmation ? (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() => {
              if (window.confirm("Confirm that this org URL is your Okta org's custom URL domain? The product will send its Okta credentials there. The confirmation is recorded in the audit log.")) {
                run(() => confirmOktaCustomDomainAction({ expectedKeyVersion: okta.keyVersion }), () => ({ tone: "success", text: "Custom URL domain confirmed. Test the connection again." }));
              }
            }}
          >
            Confirm custom URL domain
          </Button>
        ) : null}
        {okta?.sandbox ? (
          <Button variant="secondary" disabled={pending} onClick={() => run(() => registerKeysInSandboxAction({}), () => ({ tone: "info", text: "Public keys registered in the sandbox org's service app." }))}>
            Register keys in the sandbox org
          </Button>
        ) : null}
        <Button
          variant={active ? "secondary" : "primary"}
          disabled={pending}
          onClick={() =>
            run(
              () => testIamConnectionAction({}),
              (result) =>
                result.ok
                  ? {
                      tone: result.warnings?.length ? "info" : "success",
                      text: [`Connection works${result.memberSample ? `: read ${result.memberSample.login}` : ""}${result.expectedTotal !== null ? ` (${result.expectedTotal} members)` : ""}.`, ...(result.warnings ?? [])].join(" "),
                    }
                  : { tone: "error", text: result.message },
            )
          }
        >
          Test connection
        </Button>
        {active ? (
          <Button disabled={pending} onClick={() => run(() => requestSyncNowAction({}), (data) => ({ tone: "info", text: data.alreadyRunning ? "A sync is already running." : "Sync started." }))}>
            Sync now
          </Button>
        ) : null}
        {okta && !okta.hasNextKey ? (
          <Button variant="ghost" disabled={pending} onClick={() => run(() => addOktaKeyAction({ expectedKeyVersion: okta.keyVersion }), () => ({ tone: "info", text: "New key generated: register it in Okta next to the current one, then activate it." }))}>
            Rotate key
          </Button>
        ) : null}
        {okta?.hasNextKey ? (
          <Button variant="ghost" disabled={pending} onClick={() => run(() => promoteOktaKeyAction({ expectedKeyVersion: okta.keyVersion }), () => ({ tone: "success", text: "The new key is active; the old private key was destroyed. Remove the old public key in Okta." }))}>
            Activate new key
          </Button>
        ) : null}
      </div>
    </div>
  );
}
