/**
 * Similarity of two face descriptors, 0..1. The descriptors are unit length (the engine normalises them), so
 * this is their cosine, clamped at 0: the faceres embedding of two different people lands around 0.0-0.4 and of
 * one person around 0.6-0.9 (lib/cli/bench-face.ts measures it), so negative cosines carry no information a
 * threshold could use. Cosine rather than human's `similarity()`: that one is a Euclidean distance squeezed
 * through constants tuned on unnormalised vectors (multiplier 25, range 0.2..0.8), which saturates at 1 for
 * unit vectors and has no meaning of its own; cosine is the measure the embedding is trained for and is stable
 * across image sizes. Different lengths (another engine version) compare as 0, never as a match.
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
