/** A SHA-256 fingerprint as people compare it by eye: upper-case, in groups of four (“3F2A 9C01 …”). */
export function formatFingerprint(fingerprint: string): string {
  return (fingerprint.toUpperCase().match(/.{1,4}/g) ?? []).join(" ");
}
