"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { finishSignInPasskeyAction, startSignInPasskeyAction, verifySignInTotpAction } from "@/app/(auth)/second-factor/actions";
import { PasskeyAssertionButton } from "@/components/auth/passkey-assertion-button";
import { TotpCodeForm } from "@/components/auth/totp-code-form";

export function SecondFactorForm({ totp }: { totp: boolean }) {
  const router = useRouter();
  const [showTotp, setShowTotp] = useState(false);
  const done = () => router.replace("/dashboard");
  return (
    <div className="space-y-5">
      <PasskeyAssertionButton autoStart start={() => startSignInPasskeyAction(undefined)} finish={finishSignInPasskeyAction} onDone={done} />
      {totp ? (
        showTotp ? (
          <TotpCodeForm verify={(code) => verifySignInTotpAction({ code })} onDone={done} />
        ) : (
          <button type="button" className="w-full text-center text-sm font-medium text-brand-700 hover:underline" onClick={() => setShowTotp(true)}>
            Use a code from my authenticator app instead
          </button>
        )
      ) : null}
    </div>
  );
}
