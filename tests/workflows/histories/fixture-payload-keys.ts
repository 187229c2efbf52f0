/** The payload keys recorded histories are written and replayed with. */
import type { DataConverter } from '@temporalio/common';
import { payloadKeyring, PayloadKeysSchema } from '../../../config/payload-keys';
import { createDataConverter } from '../../../temporal/data-converter';

/**
 * A key for test fixtures only, committed so the replay test can decrypt what `npm run record-histories` wrote
 * (it protects nothing; never use it for a deployment).
 */
export const FIXTURE_PAYLOAD_KEYS = 'replay-fixtures:H/TGULgUoMvb3+d9OE8x+I0sNkk8OPJPTF2Y0XtAMkc=';

/** Releases recorded before payload encryption: plaintext, replayed as an upgraded installation runs them. */
const PLAINTEXT_RELEASES = new Set(['v0.1.0']);

/** The data converter a worker replaying the history file `name` ("v0.1.0/reopen.json") runs with. */
export function replayDataConverter(name: string): DataConverter {
  const keyring = payloadKeyring(PayloadKeysSchema.parse(FIXTURE_PAYLOAD_KEYS), 'no key is derived for fixtures');
  const acceptPlaintext = PLAINTEXT_RELEASES.has(name.split('/')[0] ?? ''); // TEMPORAL_PAYLOAD_ACCEPT_PLAINTEXT=true
  return createDataConverter({ temporal: { payloads: { keyring, acceptPlaintext } } });
}
