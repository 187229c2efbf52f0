import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { widgetScript } from '../../../api/webchat/widget-script';
import { loadShippedCatalog } from '../../../domain/messages/shipped-catalog';
import { WEBCHAT_WIDGET_WORDS } from '../../../domain/messages/templates';
import { webchatWidgetWords } from '../../../domain/messages/widget-words';

const SOURCE = fs.readFileSync(path.resolve(__dirname, '../../../api/webchat/widget.js'), 'utf8');

describe('the web chat widget script', () => {
  it('carries its words in every catalogue language, right-to-left where the script is', () => {
    const words = webchatWidgetWords(loadShippedCatalog());
    expect(Object.keys(words).sort()).toEqual([...loadShippedCatalog().languages].sort());
    for (const { words: w } of Object.values(words)) expect(Object.keys(w)).toEqual([...WEBCHAT_WIDGET_WORDS]);
    expect(words.ar?.dir).toBe('rtl');
    expect(words.de?.words.send).toBe('Senden');
  });

  it('is one small classic script with the words in place', () => {
    const script = widgetScript();
    expect(script).not.toContain('__MERIDIAN_WIDGET_WORDS__');
    expect(() => new vm.Script(script)).not.toThrow();
    expect(Buffer.byteLength(script)).toBeLessThan(32 * 1024);
  });

  it('never writes HTML: text goes in as text nodes, elements are made one by one', () => {
    expect(SOURCE).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });
});
