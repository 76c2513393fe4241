"use client";

import { useRouter } from "next/navigation";
import { finishPasskeyEnrolmentAction, startPasskeyEnrolmentAction } from "@/app/(auth)/second-factor/actions";
import { EnrolPasskeyForm } from "@/components/auth/enrol-passkey-form";

export function EnrolFirstPasskey() {
  const router = useRouter();
  return <EnrolPasskeyForm start={() => startPasskeyEnrolmentAction(undefined)} finish={finishPasskeyEnrolmentAction} onDone={() => router.replace("/dashboard")} />;
}
