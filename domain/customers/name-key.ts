/** A name as search compares it: accents and case folded away, spaces collapsed ("Zoë  Ångström" → "zoe angstrom"). */
export function nameKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** A regular expression matching exactly `text` (for an anchored prefix search). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
