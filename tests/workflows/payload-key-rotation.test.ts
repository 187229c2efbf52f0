import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { ReplayError, Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import type { Config } from '../../config/config';
import { createLogger } from '../../config/logger';
import { payloadKeyring, PayloadKeysSchema } from '../../config/payload-keys';
import { ticketWorkflowId } from '../../domain/ticket';
import { createDataConverter } from '../../temporal/data-converter';
import { KEY_ID_METADATA } from '../../temporal/payload-codec';
import { startWorker } from '../../worker/worker';
import { startHarness, workflowBundle, type Harness } from '../support/harness';
import { payloadsIn } from '../support/history-payloads';
import request from 'supertest';
import { act, eventWhen, openTicket, eventsOf } from '../support/tickets';

const KEY_A = `key-a:${randomBytes(32).toString('base64')}`;
const KEY_B = `key-b:${randomBytes(32).toString('base64')}`;

/** The same deployment with other payload keys (what changing TEMPORAL_PAYLOAD_KEYS and restarting does). */
function withPayloadKeys(config: Config, keys: string): Config {
  const keyring = payloadKeyring(PayloadKeysSchema.parse(keys), config.secret);
  return { ...config, temporal: { ...config.temporal, payloads: { ...config.temporal.payloads, keyring } } };
}

describe('payload key rotation: add the new key, make it current, keep the old one while histories use it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { TEMPORAL_PAYLOAD_KEYS: KEY_A } });
  });
  afterAll(async () => h?.stop());

  it('a ticket written under key A keeps working and replays once key B is current and A is kept', async () => {
    const { id } = await openTicket(h);
    await act(h, id, 'notes', { body: 'written under key A' }).expect(200);
    await eventWhen(id, 'note.internal');

    // Restart API and worker with B current: the new worker has nothing cached, so it must replay A's history.
    await h.worker!.shutdown();
    const rotated = withPayloadKeys(h.config, `${KEY_B},${KEY_A}`);
    const logger = createLogger({ level: 'silent' });
    h.worker = await startWorker(rotated, logger, { workflowBundle: await workflowBundle(), databaseConnected: true });
    const client = new Client({ connection: h.client.connection, namespace: rotated.temporal.namespace, dataConverter: createDataConverter(rotated) });
    const app = createApp({ config: rotated, logger, temporal: client });
    // The new worker first replays A's history (on a loaded machine that can outlast the API's 15 s update deadline):
    // a 503 is retried with the same Idempotency-Key, as the API documents, and the note is written once.
    const note = () => request(app).post(`/api/tickets/${id}/notes`).set('Authorization', `Bearer ${h.adminKey}`).set('Idempotency-Key', `rotation-${id}`).send({ body: 'written under key B' });
    let answer = await note();
    for (let attempt = 1; answer.status === 503 && attempt < 4; attempt += 1) answer = await note();
    expect(answer.status).toBe(200);
    await eventWhen(id, 'note.internal', (e) => e.data.body === 'written under key B');
    expect((await eventsOf(id)).filter((e) => e.data.body === 'written under key B')).toHaveLength(1);

    const history = await client.workflow.getHandle(ticketWorkflowId(id)).fetchHistory();
    const keyIds = new Set(payloadsIn(history).map((p) => Buffer.from(p.metadata?.[KEY_ID_METADATA] ?? []).toString()));
    expect(keyIds).toEqual(new Set(['key-a', 'key-b']));
    const bundle = await workflowBundle();
    const replay = (config: Config) =>
      Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: createDataConverter(config) }, history, ticketWorkflowId(id));
    await expect(replay(rotated)).resolves.toBeUndefined();
    // Dropping A too early breaks exactly these histories: that is why old keys stay until no open ticket uses them.
    await expect(replay(withPayloadKeys(h.config, KEY_B))).rejects.toThrow(ReplayError);
  });
});
