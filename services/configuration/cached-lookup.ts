/** A lookup by id whose found values are kept for `ttlMs` (misses are not cached: a new object is found at once). */
export function cachedLookup<V>(load: (id: string) => Promise<V | null>, options: { ttlMs: number; maxEntries?: number; now?: () => number }): (id: string) => Promise<V | null> {
  const { ttlMs, maxEntries = 1_000, now = Date.now } = options;
  const entries = new Map<string, { value: V; expiresAtMs: number }>();
  return async (id) => {
    const hit = entries.get(id);
    if (hit && hit.expiresAtMs > now()) return hit.value;
    const value = await load(id);
    entries.delete(id);
    if (value !== null) {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string); // the oldest entry
      entries.set(id, { value, expiresAtMs: now() + ttlMs });
    }
    return value;
  };
}
