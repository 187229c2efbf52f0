/**
 * The failure converter of every Meridian client, worker and workflow bundle (loaded by path, so it is bundled into
 * workflow code too: keep it free of Node built-ins). Failure messages and stack traces can carry customer data
 * (an SMTP error naming an address, a duplicate-key error quoting a value); this moves them into a payload, which
 * the codec encrypts. Readers decode them with any failure converter.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
