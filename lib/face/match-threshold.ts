/**
 * Default portrait-vs-selfie similarity (faceSimilarity: cosine of unit faceres descriptors) at or above which
 * two faces count as one person; the policy may set its own. Measured by `npm run bench:face` on the labelled
 * real-face set (55 photos, 14 people, 90 same-person and 1341 different-person pairs), 2026-12-07:
 *
 *   threshold  0.50   0.55   0.575  0.60   0.625
 *   FMR        5.2%   1.6%   0.60%  0.22%  0.00%
 *   FNMR       2.2%   12%    17%    29%    36%
 *
 * 0.60 because a false match hands an account to someone else, while a false non-match sends a real employee
 * to a retry or to the agent-attended check: the cost is lopsided. The set is mostly small, compressed TV-still
 * crops, so its FNMR is pessimistic for a sharp selfie; its FMR figure rests on 3 of 1341 pairs and is a rough one
 * (random strangers, not chosen look-alikes).
 */
export const DEFAULT_FACE_MATCH_THRESHOLD = 0.6;
