/**
 * Words of a page shown in the customer's browser (the survey's rating page), from the catalogue in the ticket's
 * language with its fallback chain. Plain text: the page escapes it.
 */
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageCatalog } from './catalog';
import { formattingLocale, languageChain, textDirection } from './language-chain';
import { oneLine } from './mail-html';
import { SURVEY_PAGE_WORDS, type SurveyPageWord } from './templates';

export interface PageWords<W extends string> {
  /** The catalogue language of the page (after fallback), for `lang`. */
  language: string;
  dir: 'ltr' | 'rtl';
  words: Record<W, string>;
}

/** The rating page's words for a ticket in `language` (a BCP 47 tag; unknown or absent: the fallback chain decides). */
export function surveyPageWords(catalog: MessageCatalog, language: string | undefined, ticketSubject: string): PageWords<SurveyPageWord> {
  const chain = languageChain(language, catalog.languages);
  const words = {} as Record<SurveyPageWord, string>;
  for (const word of SURVEY_PAGE_WORDS) {
    const found = catalog.message(chain, `survey-page.${word}`);
    const format = new IntlMessageFormat(found.ast as MessageFormatElement[], formattingLocale(language, found.language));
    words[word] = String(format.format({ ticketSubject: oneLine(ticketSubject) }));
  }
  return { language: chain[0]!, dir: textDirection(chain[0]!), words };
}
