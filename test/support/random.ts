/** A small deterministic generator (xorshift32), so generated data and chaos runs are reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let state = (Math.imul(seed, 2654435761) >>> 0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}
