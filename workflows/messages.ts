/** Messages a ticket workflow accepts: department actions and customer replies (updates), and its state (query). */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../domain/ticket-events';
import type { TicketStatus } from '../domain/ticket';
import type { TicketSnapshot } from '../domain/ticket-snapshot';

export interface ClaimTaskInput {
  taskId: string;
  memberId: string;
  actor: Actor;
}
export interface StaffMessageInput {
  messageId: string;
  body: string;
  actor: Actor;
}
export interface CompleteTaskInput {
  taskId: string;
  outcome: string;
  actor: Actor;
}
export interface CustomerMessageInput {
  messageId: string;
  body: string;
}
/** What an action answers: the ticket's status and current task right after it was applied. */
export interface TicketActionResult {
  status: TicketStatus;
  taskId: string | null;
  seq: number;
}

export const claimTaskUpdate = defineUpdate<TicketActionResult, [ClaimTaskInput]>('claimTask');
export const replyToCustomerUpdate = defineUpdate<TicketActionResult, [StaffMessageInput]>('replyToCustomer');
export const requestInfoUpdate = defineUpdate<TicketActionResult, [StaffMessageInput]>('requestInfo');
export const addInternalNoteUpdate = defineUpdate<TicketActionResult, [StaffMessageInput]>('addInternalNote');
export const completeTaskUpdate = defineUpdate<TicketActionResult, [CompleteTaskInput]>('completeTask');
export const addCustomerMessageUpdate = defineUpdate<TicketActionResult, [CustomerMessageInput]>('addCustomerMessage');
export const ticketSnapshotQuery = defineQuery<TicketSnapshot>('ticketSnapshot');

/** Failure types the update validators reject with (the API maps them to 4xx problems). */
export const ACTION_REJECTIONS = ['TICKET_CLOSED', 'INVALID_TRANSITION', 'TASK_NOT_FOUND', 'VALIDATION_FAILED'] as const;
export type ActionRejection = (typeof ACTION_REJECTIONS)[number];
