import { randomInt } from "node:crypto";

/**
 * Character classes without look-alikes (0/O, 1/l/I): the employee reads the password off a screen or hears it
 * on a call. Symbols are ones both Entra and Okta accept and that sit on every common keyboard layout.
 */
const CLASSES = ["abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "!#$%*+-=?@_"] as const;
const ALPHABET = CLASSES.join("");

export const MIN_TEMPORARY_PASSWORD_LENGTH = 16;
const MAX_TEMPORARY_PASSWORD_LENGTH = 128;
/** Three characters is Entra's and Okta's threshold for "contains part of the user's name". */
const FORBIDDEN_RUN = 3;

/** Whether any run of 3+ characters (case-insensitive) of `text` appears in `password`. */
export function containsPartOf(password: string, text: string): boolean {
  const haystack = password.toLowerCase();
  const needle = text.toLowerCase();
  for (let start = 0; start + FORBIDDEN_RUN <= needle.length; start += 1) {
    if (haystack.includes(needle.slice(start, start + FORBIDDEN_RUN))) return true;
  }
  return false;
}

function pick(characters: string): string {
  return characters.charAt(randomInt(characters.length));
}

function shuffle(characters: string[]): string[] {
  for (let index = characters.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [characters[index], characters[other]] = [characters[other] ?? "", characters[index] ?? ""];
  }
  return characters;
}

/**
 * A temporary password for a reset: `length` (16+) characters from crypto.randomInt, at least one of each class
 * (lower, upper, digit, symbol: Okta's default policy; Entra's needs three of four), and no run of 3+ characters
 * from the username or `alsoAvoid` (names), compared case-insensitively. ~94 bits at 16 characters. A candidate
 * that contains such a run is discarded and drawn again (rare: the password has 14 three-character windows).
 */
export function generateTemporaryPassword(username: string, options: { alsoAvoid?: string[]; length?: number } = {}): string {
  const length = options.length ?? MIN_TEMPORARY_PASSWORD_LENGTH;
  if (!Number.isInteger(length) || length < MIN_TEMPORARY_PASSWORD_LENGTH || length > MAX_TEMPORARY_PASSWORD_LENGTH) {
    throw new RangeError(`A temporary password has ${MIN_TEMPORARY_PASSWORD_LENGTH} to ${MAX_TEMPORARY_PASSWORD_LENGTH} characters.`);
  }
  const avoid = [username, ...(options.alsoAvoid ?? [])].filter((text) => text.length >= FORBIDDEN_RUN);
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    const characters = [...CLASSES.map(pick), ...Array.from({ length: length - CLASSES.length }, () => pick(ALPHABET))];
    const candidate = shuffle(characters).join("");
    if (!avoid.some((text) => containsPartOf(candidate, text))) return candidate;
  }
  // Only a pathological "username" covering most 3-character runs of the alphabet gets here.
  throw new Error("Could not generate a temporary password that avoids the username.");
}
