/** Which catalogue languages to word a message in for a customer's language tag, most fitting first. */

/** The language every catalogue must hold completely: the end of every chain. */
export const FALLBACK_LANGUAGE = 'en';

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0];
  } catch {
    return undefined; // not a BCP 47 tag
  }
}

/** "zh-Hans-CN" → ["zh-Hans-CN", "zh-Hans", "zh"]: RFC 4647 lookup, dropping one subtag at a time. */
function truncations(tag: string): string[] {
  const subtags = tag.split('-');
  const out: string[] = [];
  for (let n = subtags.length; n > 0; n -= 1) {
    if (subtags[n - 1]!.length === 1) continue; // never end on a singleton ("x" of a private-use part)
    out.push(subtags.slice(0, n).join('-'));
  }
  return out;
}

/** Language and script the tag most likely means ("zh-CN" → "zh-Hans", "pt" → "pt-Latn"), to compare catalogues. */
function likelyScript(tag: string): string {
  const locale = new Intl.Locale(tag).maximize();
  return `${locale.language}-${locale.script ?? ''}`;
}

/**
 * The catalogue languages to look a message up in, in order: the tag and its truncations (pt-BR → pt;
 * zh-Hans-CN → zh-Hans), then a catalogue language written in the same language and script when none of those is held
 * (pt-PT or pt → pt-BR; zh-CN → zh-Hans; zh-TW is Traditional and gets none), then English. Unknown or malformed → en.
 */
export function languageChain(tag: string | undefined, available: readonly string[]): string[] {
  const requested = tag ? canonical(tag) : undefined;
  const chain = requested ? truncations(requested).filter((t) => available.includes(t)) : [];
  if (requested && chain.length === 0) {
    const wanted = likelyScript(requested);
    const near = available.find((language) => language !== FALLBACK_LANGUAGE && likelyScript(language) === wanted);
    if (near) chain.push(near);
  }
  if (!chain.includes(FALLBACK_LANGUAGE)) chain.push(FALLBACK_LANGUAGE);
  return chain;
}

/**
 * The locale to format dates and numbers of a message worded in `language`: the customer's own tag when it is the same
 * language (es-MX formats as Mexico does with the es wording), else the wording's language.
 */
export function formattingLocale(customerTag: string | undefined, language: string): string {
  const requested = customerTag ? canonical(customerTag) : undefined;
  if (!requested) return language;
  return new Intl.Locale(requested).language === new Intl.Locale(language).language ? requested : language;
}

/** Right-to-left scripts (Arabic, Hebrew, Thaana, N'Ko, Syriac, Adlam, …) by their ISO 15924 code. */
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Mand', 'Samr', 'Rohg']);

/** Writing direction of a language ("ar" → rtl), from the script it is most likely written in. */
export function textDirection(language: string): 'ltr' | 'rtl' {
  const script = new Intl.Locale(language).maximize().script;
  return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}
