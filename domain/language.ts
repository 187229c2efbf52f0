/**
 * Offline language detection for inbound messages: the writing system first, then, for Latin script, frequent
 * words and distinctive letters. No dictionaries or packages, so it runs inside workflows and costs microseconds.
 */

export interface DetectedLanguage {
  /** ISO 639-1 code (639-3 only when a hint names such a language). */
  language: string;
  /** 0–1. 0.25 means the text told nothing and the hint was used; 0.1 that English was assumed. */
  confidence: number;
}

type Script =
  | 'latin' | 'han' | 'kana' | 'hangul' | 'thai' | 'cyrillic' | 'arabic' | 'devanagari' | 'hebrew' | 'greek';

/** Code point ranges per script, checked in order (most support mail is Latin). */
const SCRIPT_RANGES: readonly (readonly [Script, number, number])[] = [
  ['latin', 0x41, 0x5a], ['latin', 0x61, 0x7a], ['latin', 0xc0, 0xd6], ['latin', 0xd8, 0xf6],
  ['latin', 0xf8, 0x24f], ['latin', 0x1e00, 0x1eff], ['latin', 0x300, 0x36f], // combining marks join the word
  ['greek', 0x370, 0x3ff], ['greek', 0x1f00, 0x1fff], ['cyrillic', 0x400, 0x52f],
  ['hebrew', 0x5d0, 0x5ff], ['arabic', 0x620, 0x65f], ['arabic', 0x66e, 0x6ef], ['arabic', 0x6fa, 0x6ff],
  ['arabic', 0x750, 0x77f], ['arabic', 0xfb50, 0xfdff], ['arabic', 0xfe70, 0xfeff],
  ['devanagari', 0x900, 0x97f], ['thai', 0xe01, 0xe5b], ['hangul', 0x1100, 0x11ff], ['hangul', 0x3130, 0x318f],
  ['hangul', 0xac00, 0xd7af], ['kana', 0x3040, 0x30ff], ['kana', 0x31f0, 0x31ff], ['kana', 0xff66, 0xff9d],
  ['han', 0x3400, 0x4dbf], ['han', 0x4e00, 0x9fff], ['han', 0xf900, 0xfaff], ['han', 0x20000, 0x2ffff],
];

/** One ideograph or syllable block carries about as much as a short Latin word. */
const SCRIPT_WEIGHT: Record<Script, number> = {
  latin: 1, han: 3, kana: 2, hangul: 3, thai: 1, cyrillic: 1, arabic: 1, devanagari: 1, hebrew: 1, greek: 1,
};

/** The language each non-Latin script stands for, and the other languages written in it (a hint may pick one). */
const SCRIPT_LANGUAGES: Record<Exclude<Script, 'latin' | 'kana'>, readonly string[]> = {
  han: ['zh', 'ja'],
  hangul: ['ko'],
  thai: ['th'],
  cyrillic: ['ru', 'uk', 'bg', 'sr', 'mk', 'be', 'kk', 'ky', 'mn', 'tg'],
  arabic: ['ar', 'fa', 'ur', 'ps', 'ku'],
  devanagari: ['hi', 'mr', 'ne'],
  hebrew: ['he', 'yi'],
  greek: ['el'],
};

/** The Latin-script languages told apart by their words and letters. */
export const LATIN_LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'vi', 'id', 'tr', 'pl'] as const;
type LatinLanguage = (typeof LATIN_LANGUAGES)[number];

/** Function words and the words every support message uses (greetings, thanks, order, refund). */
const WORDS: Record<LatinLanguage, string> = {
  en: `the and is are was were to of in it that this my i you your for with have has had not can cannot please thanks
    thank hello hi help order account would could what when why how there be been me we our on at from still just get
    got did do does don t m ve yet refund payment charged received working but if any dear hey`,
  de: `der die das und ist ich nicht ein eine einen mein meine meinen mit von zu den dem sie es auf für bitte danke
    hallo guten tag habe hat wurde noch kein keine aber wie was warum wann bei sich auch wir ihr ihre bestellung
    konto geld zurück funktioniert schon immer nach aus kann können möchte leider heute seit mir mich grüße gibt`,
  fr: `le la les de des du un une et est je j ai pas ne n mon ma mes pour avec dans sur que qui qu il elle nous vous
    votre vos ce cette c merci bonjour bonsoir toujours commande compte remboursement reçu depuis mais où aide plaît
    très été fait peux pouvez avez suis au aux l d rien encore veux voudrais carte problème`,
  es: `el la los las de del y que en un una es no mi mis por para con lo se me su al pero hola gracias favor pedido
    cuenta ayuda todavía tengo está están hace puedo cuando cómo qué dinero reembolso mismo días hoy ya muy sin sobre
    buenos buenas nada funciona llegó recibido pueden puede hacer veces también quiero necesito tarjeta cobraron
    envío compré correo`,
  pt: `o os a as de do da dos das e que em no na um uma é não meu minha por para com se me ao mas olá obrigado
    obrigada favor pedido conta ajuda ainda tenho está estou foi fiz posso quando como dinheiro reembolso você vocês
    hoje já muito sem bom boa dia recebi compra funciona chegou consigo podem pode fazer vezes também quero preciso
    cartão cobrado cobraram envio comprei`,
  it: `il lo la i gli le di del della e è che in un una non mio mia per con ma sono ho ha ciao buongiorno grazie
    favore ordine aiuto ancora ricevuto quando come perché soldi rimborso oggi già molto senza questo questa nel al
    alla dal posso mi ci si anche funziona arrivato riesco vorrei carta potete volte`,
  nl: `de het een en is ik niet van op te dat die in mijn met voor aan er maar ook nog wel geen heb heeft kan wil
    hallo hoi bedankt dank alstublieft graag bestelling geld terug werkt al nu om hoe wat waarom wanneer zijn was u
    uw jullie je bij naar sinds ontvangen`,
  vi: `tôi không của và là có được cho này các những với một đã bị rồi thì mà để khi vào trong bạn em anh chị xin cảm
    ơn chào giúp đơn hàng tiền tài khoản nhận chưa đang sẽ hoàn lại mật khẩu thanh toán vui lòng toi khong duoc cua`,
  id: `saya tidak dan yang di ke dari ini itu untuk dengan ada sudah belum akan bisa tolong terima kasih halo selamat
    pagi siang pesanan akun uang kembali bantu bantuan mohon apa kenapa mengapa kapan bagaimana masih juga atau
    karena sampai hari kami anda kak sejak dana gagal`,
  tr: `bir ve bu için ile çok ama da de ben benim sipariş siparişim hesap hesabım para iade lütfen teşekkürler
    teşekkür ederim merhaba selam yardım hala hâlâ henüz değil var yok mi mı mu mü ne neden nasıl zaman olarak gibi
    daha kadar şifre şifremi gün bugün aldım ödeme edildi istiyorum`,
  pl: `i w z na nie się to jest że do mnie mój moje moja moim jak co ale czy dla po od za o tak już jeszcze proszę
    dziękuję dzień dobry witam cześć zamówienie zamówienia konto pieniądze zwrot pomoc mam mogę został była było
    przez kiedy dlaczego bardzo ten ta tego`,
};

/** Letters (and Spanish ¿ ¡) that only some of the Latin languages use. */
const LETTERS: Record<LatinLanguage, string> = {
  en: '',
  de: 'äöüß',
  fr: 'éèêàçœùûîïëâôÿ',
  es: 'ñáéíóú¿¡',
  pt: 'ãõçáéêôâàíóú',
  it: 'àèìòùé',
  nl: 'ëï',
  vi: 'ăđơưàáâãèéêìíòóôõùúý',
  id: '',
  tr: 'ğışçöüâ',
  pl: 'ąćęłńóśźż',
};

/** A letter is weaker evidence than a word; and no run of diacritics should outvote the words. */
const LETTER_WEIGHT = 0.5;
/** Vietnamese tone marks stacked on vowels (ạ ả ấ … ỹ) are a block no other language uses. */
const VIETNAMESE_BLOCK = [0x1ea0, 0x1ef9] as const;
/** The start of a message decides; a pasted log or a long quoted thread then costs no time. */
const MAX_SCANNED = 2000;
const MIN_EVIDENCE = 1;
/** Candidates within 20 % of the best score are a close call. */
const CLOSE_CALL = 0.8;
const HINT_CONFIDENCE = 0.25;
const CLOSE_CALL_CONFIDENCE = 0.4;
const GUESS_CONFIDENCE = 0.3;
const DEFAULT_CONFIDENCE = 0.1;

/** Evidence weight per word or letter: shared by every language that uses it (1/n), so "de" counts little. */
function weightTable(source: Record<LatinLanguage, readonly string[]>): Map<string, [LatinLanguage[], number]> {
  const owners = new Map<string, LatinLanguage[]>();
  for (const lang of LATIN_LANGUAGES) {
    for (const item of new Set(source[lang])) owners.set(item, [...(owners.get(item) ?? []), lang]);
  }
  return new Map([...owners].map(([item, langs]) => [item, [langs, 1 / langs.length]]));
}

function perLanguage<T>(value: (language: LatinLanguage) => T): Record<LatinLanguage, T> {
  return Object.fromEntries(LATIN_LANGUAGES.map((l) => [l, value(l)])) as Record<LatinLanguage, T>;
}

const WORD_WEIGHTS = weightTable(perLanguage((l) => WORDS[l].split(/\s+/).filter(Boolean)));
const LETTER_WEIGHTS = weightTable(perLanguage((l) => [...LETTERS[l]]));

function scriptOf(cp: number): Script | undefined {
  if (cp < 0x41) return undefined;
  for (const [script, from, to] of SCRIPT_RANGES) if (cp >= from && cp <= to) return script;
  return undefined;
}

interface Scan {
  letters: Record<Script, number>;
  scores: Record<LatinLanguage, number>;
}

/** One pass over the text: letters per script, Latin words, letter evidence. */
function scan(text: string): Scan {
  const letters = Object.fromEntries(Object.keys(SCRIPT_WEIGHT).map((s) => [s, 0])) as Record<Script, number>;
  const scores = perLanguage(() => 0);
  const words: string[] = [];
  let word = '';
  const cleaned = text
    .slice(0, MAX_SCANNED)
    .replace(/(?:https?:\/\/|www\.)\S+|\S+@\S+/giu, ' ') // URLs and addresses are not language
    .normalize('NFC')
    .replace(/İ/gu, 'i') // lower-cases to "i" plus a combining dot otherwise
    .toLowerCase();
  for (const ch of cleaned) {
    const cp = ch.codePointAt(0) ?? 0;
    const script = scriptOf(cp);
    if (script) letters[script] += 1;
    if (script === 'latin') {
      word += ch;
    } else if (word) {
      words.push(word);
      word = '';
    }
    const evidence = LETTER_WEIGHTS.get(ch);
    if (evidence) for (const lang of evidence[0]) scores[lang] += evidence[1] * LETTER_WEIGHT;
    else if (cp >= VIETNAMESE_BLOCK[0] && cp <= VIETNAMESE_BLOCK[1]) scores.vi += LETTER_WEIGHT;
  }
  if (word) words.push(word);
  for (const w of words) {
    const evidence = WORD_WEIGHTS.get(w);
    if (evidence) for (const lang of evidence[0]) scores[lang] += evidence[1];
  }
  return { letters, scores };
}

/** "pt-BR" → "pt"; anything that is not a language tag → undefined. */
export function primaryLanguage(tag: string | undefined): string | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

const round = (n: number): number => Math.round(n * 100) / 100;

function fallback(hint: string | undefined): DetectedLanguage {
  return hint ? { language: hint, confidence: HINT_CONFIDENCE } : { language: 'en', confidence: DEFAULT_CONFIDENCE };
}

/** The writing system with the most (weighted) letters; kana make Han text Japanese. */
function dominantScript(letters: Record<Script, number>): { script: Script; share: number; weight: number } {
  const weighted = { ...letters };
  if (letters.kana > 0 && letters.kana * 8 >= letters.han) {
    weighted.kana += letters.han;
    weighted.han = 0;
  }
  let best: Script = 'latin';
  let total = 0;
  for (const script of Object.keys(weighted) as Script[]) {
    weighted[script] *= SCRIPT_WEIGHT[script];
    total += weighted[script];
    if (weighted[script] > weighted[best]) best = script;
  }
  return { script: best, share: total ? weighted[best] / total : 0, weight: weighted[best] };
}

function byScript(script: Exclude<Script, 'latin'>, share: number, weight: number, hint?: string): DetectedLanguage {
  // A long enough text in one script is certain; two or three characters less so.
  const confidence = round(Math.min(0.99, share * Math.min(1, 0.6 + weight / 20)));
  if (script === 'kana') return { language: 'ja', confidence };
  const languages = SCRIPT_LANGUAGES[script];
  // Persian is written in Arabic script, Ukrainian in Cyrillic: the customer's own language wins within its script.
  const language = hint && languages.includes(hint) ? hint : (languages[0] ?? 'en');
  return { language, confidence };
}

function byWords(scores: Record<LatinLanguage, number>, hint?: string): DetectedLanguage {
  const ranked = [...LATIN_LANGUAGES].sort((a, b) => scores[b] - scores[a]);
  const best = ranked[0] ?? 'en';
  const top = scores[best];
  if (top < MIN_EVIDENCE) return fallback(hint);
  const close: readonly string[] = ranked.filter((l) => scores[l] >= top * CLOSE_CALL);
  if (close.length > 1) {
    // A close call between languages the text supports: the customer's own language settles it.
    if (hint && close.includes(hint)) return { language: hint, confidence: CLOSE_CALL_CONFIDENCE };
    return hint ? fallback(hint) : { language: best, confidence: GUESS_CONFIDENCE };
  }
  const second = scores[ranked[1] ?? best];
  const margin = (top - second) / top;
  return { language: best, confidence: round(Math.min(0.99, 0.4 + 0.6 * margin * Math.min(1, top / 4))) };
}

/**
 * The language a customer wrote in, so replies, templates and agents match it. Uses the writing system for
 * non-Latin scripts; for Latin script, frequent words and letters of en, de, fr, es, pt, it, nl, vi, id, tr, pl.
 * Texts without evidence fall back to `hint` (the customer's known language) or English, with low confidence. A close
 * call between languages also goes to the hint (0.4 when the hint is one of them), or without one to the best guess.
 */
export function detectLanguage(text: string, hint?: string): DetectedLanguage {
  const preferred = primaryLanguage(hint);
  const { letters, scores } = scan(text);
  const { script, share, weight } = dominantScript(letters);
  if (weight === 0) return fallback(preferred);
  if (script !== 'latin') return byScript(script, share, weight, preferred);
  return byWords(scores, preferred);
}
