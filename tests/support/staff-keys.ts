import { createApiKey } from '../../api/middleware/auth';
import type { Harness } from './harness';

/** An ops key and an agent key of the support department (acting as no member). */
export async function opsAndAgentKeys(h: Harness): Promise<{ opsKey: string; agentKey: string }> {
  const opsKey = (await createApiKey({ name: 'ops', role: 'ops' }, h.config.secret)).key;
  const agentKey = (await createApiKey({ name: 'agent', role: 'agent', departmentIds: ['support'] }, h.config.secret)).key;
  return { opsKey, agentKey };
}
