/**
 * `GET /webchat/widget.js`: the hand-written widget (widget.js beside this file) with its words in every catalogue
 * language, built once at start. Cached by browsers for an hour (with an ETag to revalidate), and loadable by pages of
 * any origin (it is a public script: the endpoints it calls check the origin).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { loadShippedCatalog } from '../../domain/messages/shipped-catalog';
import { webchatWidgetWords } from '../../domain/messages/widget-words';

const WORDS_MARKER = '__MERIDIAN_WIDGET_WORDS__';

/** The script as served: widget.js with the words in place of its marker. */
export function widgetScript(): string {
  const source = readFileSync(path.join(__dirname, 'widget.js'), 'utf8');
  if (!source.includes(WORDS_MARKER)) throw new Error(`widget.js lacks ${WORDS_MARKER}`);
  return source.replace(WORDS_MARKER, () => JSON.stringify(webchatWidgetWords(loadShippedCatalog())));
}

/** Serves the widget script. */
export function serveWidget(): RequestHandler {
  const script = widgetScript();
  return (_req, res) => {
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    // Loaded by <script> from other origins' pages: the API's same-origin resource policy must not block it.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.send(script); // Express adds an ETag and answers a matching If-None-Match with 304
  };
}
