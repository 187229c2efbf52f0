/** A real logger for tests whose lines land in an array, so a test can read what was logged. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../config/logger';

/** A logger at `level` (default info) whose JSON lines land in `logs`. */
export function captureLogger(logs: string[], level: 'debug' | 'info' = 'info'): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  return createLogger({ level }, sink);
}
