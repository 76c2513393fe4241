/**
 * Similarity of two face descriptors, 0..1. The descriptors are unit length (the engine normalises them), so
 * this is their cosine, clamped at 0. faceres descriptors are non-negative (a ReLU output), so two strangers
 * already score about 0.38 (median; 0.18-0.62 on the bench set) and one person about 0.65 (0.50-0.83); a
 * negative cosine cannot occur and would carry nothing a threshold could use. Cosine rather than human's
 * `similarity()`: that one is a Euclidean distance squeezed through constants tuned on unnormalised vectors
 * (multiplier 25, range 0.2..0.8), which saturates at 1 for unit vectors; on the raw vectors it separated the
 * bench set worse (equal error rate 8% against cosine's 4%). Different lengths (another engine version)
 * compare as 0, never as a match.
 */
export function faceSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  if (normA === 0 || normB === 0) return 0;
  const cosine = dot / Math.sqrt(normA * normB);
  return Math.min(1, Math.max(0, cosine));
}

/** Scales a descriptor to unit length, so faceSimilarity and any stored comparison see the same vector. */
export function normalizeDescriptor(values: readonly number[]): number[] {
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
  return norm === 0 ? values.map(() => 0) : values.map((value) => value / norm);
}
