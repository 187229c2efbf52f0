/** The catalogue Meridian ships: one JSON file of ICU messages per language in ./catalog (add a language by adding a file here). */
import ar from './catalog/ar.json';
import de from './catalog/de.json';
import en from './catalog/en.json';
import es from './catalog/es.json';
import fil from './catalog/fil.json';
import id from './catalog/id.json';
import ja from './catalog/ja.json';
import ptBR from './catalog/pt-BR.json';
import th from './catalog/th.json';
import vi from './catalog/vi.json';
import zhHans from './catalog/zh-Hans.json';
import { loadMessageCatalog, type MessageCatalog } from './catalog';

/** The shipped sources by language tag, as the files hold them (unchecked until loaded). */
export const SHIPPED_MESSAGES: Readonly<Record<string, unknown>> = {
  en, es, 'pt-BR': ptBR, vi, id, th, fil, ar, 'zh-Hans': zhHans, ja, de,
};

/** Loads and checks the shipped catalogue; throws MESSAGE_CATALOG_INVALID naming every problem. */
export function loadShippedCatalog(): MessageCatalog {
  return loadMessageCatalog(SHIPPED_MESSAGES);
}
