"use server";

import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/auth/guards";
import { addTrustedIssuers } from "@/lib/wallet/trust/add-trusted-issuers";
import { importVical } from "@/lib/wallet/trust/import-vical";
import { parseIacaCertificates } from "@/lib/wallet/trust/parse-iaca-certificates";
import { removeTrustedIssuer } from "@/lib/wallet/trust/remove-trusted-issuer";
import { addTrustedIssuersSchema, importVicalSchema, removeTrustedIssuerSchema } from "@/lib/wallet/trust/trusted-issuer-schemas";

const PAGE = "/settings/trusted-issuers";

export const addTrustedIssuersAction = protectedAction("settings:manage", addTrustedIssuersSchema, async ({ file }, { user, request }) => {
  const certificates = parseIacaCertificates(new Uint8Array(await file.arrayBuffer()));
  const result = await addTrustedIssuers(certificates, { fileName: file.name }, user, request);
  revalidatePath(PAGE);
  return result;
});

export const importVicalAction = protectedAction("settings:manage", importVicalSchema, async ({ file }, { user, request }) => {
  const result = await importVical(new Uint8Array(await file.arrayBuffer()), user, request);
  revalidatePath(PAGE);
  return result;
});

export const removeTrustedIssuerAction = protectedAction("settings:manage", removeTrustedIssuerSchema, async (input, { user, request }) => {
  const removed = await removeTrustedIssuer(input, user, request);
  revalidatePath(PAGE);
  return removed;
});
