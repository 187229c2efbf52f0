import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config/config';
import type { Logger } from '../config/logger';
import { EncryptionCodec } from './payload-codec';

/** Bundler options every workflow bundle needs, so failures raised in workflow code are encrypted too. */
export const workflowBundleConverters = { failureConverterPath: require.resolve('./failure-converter') } as const;

/** The part of the configuration the converter reads. */
export type PayloadSettings = { temporal: Pick<Config['temporal'], 'payloads'> };

/** The codec for the configured keys; refusals are logged as warnings (reason and workflow, never content). */
export function createPayloadCodec(config: PayloadSettings, logger?: Logger): EncryptionCodec {
  const { keyring, acceptPlaintext } = config.temporal.payloads;
  return new EncryptionCodec(keyring, {
    acceptPlaintext,
    onRefused: (reason, context) => logger?.warn({ reason, workflowId: context?.workflowId }, 'temporal payload refused'),
  });
}

/** The data converter of every Temporal client, worker and replay in Meridian: encrypted payloads and failures. */
export function createDataConverter(config: PayloadSettings, logger?: Logger): DataConverter {
  return { payloadCodecs: [createPayloadCodec(config, logger)], ...workflowBundleConverters };
}
