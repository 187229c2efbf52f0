/**
 * The web chat widget's words in every catalogue language, for the widget to pick by the browser's language (English
 * when it has none of them). Plain text: the widget sets them as text, never as HTML.
 */
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageCatalog } from './catalog';
import { FALLBACK_LANGUAGE, textDirection } from './language-chain';
import { WEBCHAT_WIDGET_WORDS, type WebchatWidgetWord } from './templates';

export type WidgetWords = Record<string, { dir: 'ltr' | 'rtl'; words: Record<WebchatWidgetWord, string> }>;

/** Every language's widget words (a word a language lacks comes from English). */
export function webchatWidgetWords(catalog: MessageCatalog): WidgetWords {
  const out: WidgetWords = {};
  for (const language of catalog.languages) {
    const words = {} as Record<WebchatWidgetWord, string>;
    for (const word of WEBCHAT_WIDGET_WORDS) {
      const found = catalog.message([language, FALLBACK_LANGUAGE], `webchat-widget.${word}`);
      words[word] = String(new IntlMessageFormat(found.ast as MessageFormatElement[], found.language).format());
    }
    out[language] = { dir: textDirection(language), words };
  }
  return out;
}
