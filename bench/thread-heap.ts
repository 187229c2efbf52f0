/**
 * Heap of the SDK's workflow threads, read through the inspector's NodeWorker domain: workflow state lives in those
 * worker_threads isolates, which `process.memoryUsage().heapUsed` (main isolate only) never counts.
 */
import inspector from 'node:inspector';

type Message = { id?: number; result?: { usedSize?: number } };

function post(session: inspector.Session, method: string, params: object = {}): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
}

/** Collects garbage in every workflow thread, then returns the bytes used on their heaps (summed) and the thread count. */
export async function workflowThreadHeap(): Promise<{ usedBytes: number; threads: number }> {
  const session = new inspector.Session();
  session.connect();
  const targets: string[] = [];
  const replies = new Map<number, (m: Message) => void>();
  session.on('NodeWorker.attachedToWorker', (e) => {
    const { sessionId, workerInfo } = e.params as { sessionId: string; workerInfo: { url: string } };
    if (workerInfo.url.includes('workflow-worker-thread')) targets.push(sessionId);
  });
  session.on('NodeWorker.receivedMessageFromWorker', (e) => {
    const m = JSON.parse((e.params as { message: string }).message) as Message;
    if (m.id !== undefined) replies.get(m.id)?.(m);
  });
  let nextId = 0;
  const ask = (sessionId: string, method: string) =>
    new Promise<Message>((resolve) => {
      const id = ++nextId;
      replies.set(id, resolve);
      void post(session, 'NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method }) });
    });
  try {
    await post(session, 'NodeWorker.enable', { waitForDebuggerOnStart: false });
    await new Promise((r) => setTimeout(r, 200)); // attach events arrive right after enable
    let usedBytes = 0;
    for (const target of targets) {
      await ask(target, 'HeapProfiler.collectGarbage');
      usedBytes += (await ask(target, 'Runtime.getHeapUsage')).result?.usedSize ?? 0;
    }
    return { usedBytes, threads: targets.length };
  } finally {
    await post(session, 'NodeWorker.disable').catch(() => undefined);
    session.disconnect();
  }
}
