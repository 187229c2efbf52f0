import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../config/config';
import type { IntegrationCall } from '../../domain/integrations';
import { createDataConverter } from '../../temporal/data-converter';
import { startFakePaymentGateway, type FakePaymentGateway } from '../support/fake-payment-gateway';
import type { integrationStepWorkflow } from '../support/integration-step.workflow';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

const ENTRY = 'tests/support/integration-worker.ts';

/** A worker killed with -9 while the gateway holds the refund's answer: the next worker finishes the step, one refund. */
describe('refund step across a killed worker', () => {
  let gateway: FakePaymentGateway;
  let connection: Connection;
  let workers: WorkerProcess[] = [];
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await connection?.close();
    await gateway?.stop();
  });

  it('refunds the customer exactly once when the worker dies after the gateway refunded and before the answer arrived', async () => {
    gateway = await startFakePaymentGateway();
    const env = {
      MONGODB_URI: process.env.MONGODB_URI ?? '',
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '',
      TEMPORAL_TASK_QUEUE: `test-${randomBytes(6).toString('hex')}`,
      MERIDIAN_SECRET: process.env.MERIDIAN_SECRET ?? '',
      PAYMENT_GATEWAY_URL: gateway.url,
      PAYMENT_GATEWAY_SECRET_KEY: gateway.secretKey,
    };
    const config = loadConfig({ ...process.env, ...env });
    connection = await Connection.connect({ address: config.temporal.address });
    const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: createDataConverter(config) });
    workers = [await startWorkerProcess(env, { entry: ENTRY })];

    const hold = gateway.hold(); // the gateway refunds at once and keeps the answer until released
    const call: IntegrationCall = {
      ticketId: 'tkt_killed',
      stepId: 'refund',
      idempotencyKey: 'tkt_killed:refund:1',
      integration: 'payments.refund',
      refund: { amount: 4_990, currency: 'BRL', paymentId: 'pi_killed_worker' },
    };
    const handle = await client.workflow.start<typeof integrationStepWorkflow>('integrationStepWorkflow', {
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      workflowId: `integration-kill-${randomBytes(4).toString('hex')}`,
      args: [call],
    });
    await hold.arrived;
    expect(gateway.refunds).toHaveLength(1);

    await workers[0]!.kill9(); // mid-call: the refund is made, its answer is lost with the process
    hold.release();
    workers.push(await startWorkerProcess(env, { entry: ENTRY }));

    const result = await handle.result();
    expect(gateway.refunds).toHaveLength(1);
    expect(result).toEqual({ outcome: 'succeeded', reference: gateway.refunds[0]!.id, detail: 'refunded 4990 brl' });
    const posts = gateway.calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => ({ key: c.headers['idempotency-key'], replayed: c.replayed }))).toEqual([
      { key: 'tkt_killed:refund:1', replayed: false },
      { key: 'tkt_killed:refund:1', replayed: true },
    ]);
    for (const w of workers) expect(w.output()).not.toContain(gateway.secretKey);
  }, 300_000);
});
