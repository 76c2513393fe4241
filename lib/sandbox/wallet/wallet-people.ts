import { generatePerson, type SandboxPerson } from "@/lib/sandbox/shared/generate-person";
import type { WalletHolder } from "@/lib/sandbox/wallet/sandbox-wallet";

/** The seeded people of the sandbox tenants (both are seeded alike, so person i is the same employee in both). */
export type WalletPeople = { seed: string; userCount: number };

/** The local part of a login or work e-mail, as the directories spell it ("Ada.Lovelace12@contoso.com" -> "ada.lovelace12"). */
function localPartOf(login: string): string {
  const trimmed = login.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  return at === -1 ? trimmed : trimmed.slice(0, at);
}

/**
 * The sandbox employee a login names, or null. Every seeded login ends with the person's index (see
 * generatePerson), so this reads the index off the end and checks that person's login is exactly this one:
 * O(1) whatever the tenant's size, and never a near match.
 */
export function findWalletPerson(people: WalletPeople, login: string): SandboxPerson | null {
  const localPart = localPartOf(login);
  const digits = /(\d+)$/.exec(localPart)?.[1];
  if (!digits) return null;
  // A name never holds digits, but try each split of the trailing run anyway ("x.y12": index 12, then 2).
  for (let start = 0; start < digits.length; start += 1) {
    const index = Number(digits.slice(start));
    if (!Number.isSafeInteger(index) || index >= people.userCount) continue;
    const person = generatePerson(people.seed, index);
    if (person.loginLocalPart === localPart) return person;
  }
  return null;
}

/** Why the sandbox issuer cannot issue a person a licence (the directory lacks what a licence must print). */
export class UnissuableHolderError extends Error {}

/** The licence number the sandbox issuer printed for the index-th employee: the same at every start. */
export function sandboxDocumentNumber(index: number): string {
  return `D${String(1_000_000 + index)}`;
}

/**
 * What the sandbox state issuer printed on this employee's licence: the directory's names, birth date and address
 * (so a genuine wallet ID matches the directory, as a real employee's would).
 */
export function walletHolderOf(person: SandboxPerson, portrait: string | null): WalletHolder {
  if (!person.birthday) throw new UnissuableHolderError("this employee has no birth date on record; the sandbox issuer cannot issue them a licence");
  if (!person.givenName) throw new UnissuableHolderError("this employee has no given name on record; the sandbox issuer cannot issue them a licence");
  if (!person.surname) throw new UnissuableHolderError("this employee has no surname on record; the sandbox issuer cannot issue them a licence");
  return {
    givenName: person.givenName,
    familyName: person.surname,
    birthDate: person.birthday,
    street: person.streetAddress,
    city: person.city,
    state: person.state,
    postalCode: person.postalCode,
    country: person.countryCode ?? "US",
    documentNumber: sandboxDocumentNumber(person.index),
    portrait,
  };
}

/** A few people to try on the wallet's own page: the first active US employees with a birth date and names (a US state's licence). */
export function sampleHolders(people: WalletPeople, count: number): SandboxPerson[] {
  const found: SandboxPerson[] = [];
  for (let index = 0; index < people.userCount && found.length < count && index < 2_000; index += 1) {
    const person = generatePerson(people.seed, index);
    if (person.countryCode === "US" && person.birthday && person.givenName && person.surname && person.lifecycle === "active") found.push(person);
  }
  return found;
}
