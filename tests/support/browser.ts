/**
 * A real browser for the end-to-end tests: the system's Chromium (Debian's `chromium` package, which .ci/run installs)
 * driven by playwright-core, which never downloads a browser of its own. CHROMIUM_PATH names another binary.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/** CHROMIUM_PATH, else the `chromium` (or `chromium-browser`) on PATH. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim().split('\n')[0]!;
  } catch {
    throw new Error('no Chromium found: install the Debian package "chromium" (.ci/run does) or set CHROMIUM_PATH');
  }
}

/** Headless Chromium; --no-sandbox because CI runs as root in a container, where Chromium's sandbox cannot start. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}
