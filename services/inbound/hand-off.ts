/**
 * Hands a stored inbound message to its conversation's workflow (id "conversation:<task queue>:<channel>:<customer's
 * platform id>"; the task queue keeps two deployments that share a Temporal namespace apart) by signal-with-start: it is routed after the conversation's earlier messages, with retries. The webhook
 * answers the platform as soon as the signal is accepted. Handing the same message over again (a platform's retry of a
 * message not routed yet) adds nothing: the workflow queues it once, and routing a routed message does nothing.
 */
import type { Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import type { conversationWorkflow } from '../../workflows/conversation.workflow';
import { inboundMessageSignal } from '../../workflows/messages';

export function conversationWorkflowId(taskQueue: string, channelId: string, platformUserId: string): string {
  return `conversation:${taskQueue}:${channelId}:${platformUserId}`;
}

export async function handOffInbound(temporal: Client, config: Pick<Config, 'temporal'>, inbound: { id: string; channelId: string; platformUserId: string }): Promise<void> {
  await temporal.workflow.signalWithStart<typeof conversationWorkflow, [string]>('conversationWorkflow', {
    workflowId: conversationWorkflowId(config.temporal.taskQueue, inbound.channelId, inbound.platformUserId),
    taskQueue: config.temporal.taskQueue,
    args: [{}],
    signal: inboundMessageSignal,
    signalArgs: [inbound.id],
  });
}
