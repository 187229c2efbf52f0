import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

const SDK_WRITTEN = new Set(['markerRecordedEventAttributes', 'searchAttributes']);

/**
 * Every payload the data converter wrote into a history, wherever it sits: inputs, results, update requests, failures'
 * encoded attributes. Left out: markers and search attributes, which the SDK's core writes itself past any codec
 * (a `patched()` marker and the `TemporalChangeVersion` attribute hold only the patch id).
 */
export function payloadsIn(node: unknown, found: Payload[] = []): Payload[] {
  if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return found;
  if (Array.isArray(node)) {
    for (const item of node) payloadsIn(item, found);
    return found;
  }
  const fields = node as Record<string, unknown>;
  if (fields.data instanceof Uint8Array && typeof fields.metadata === 'object') found.push(fields as Payload);
  else for (const [key, value] of Object.entries(fields)) if (!SDK_WRITTEN.has(key)) payloadsIn(value, found);
  return found;
}

/** The history as Temporal stores it: the protobuf bytes, searchable for plaintext. */
export function historyBytes(history: History): Buffer {
  return Buffer.from(temporal.api.history.v1.History.encode(history).finish());
}

/** How many events of one type the history holds. */
export function countEvents(history: History, type: keyof typeof temporal.api.enums.v1.EventType): number {
  const wanted = temporal.api.enums.v1.EventType[type];
  return (history.events ?? []).filter((e) => e.eventType === wanted).length;
}
