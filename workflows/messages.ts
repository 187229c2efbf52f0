/** Messages a ticket workflow accepts: department actions and customer replies (updates), and its state (query). */
import { ApplicationFailure, defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../domain/ticket-events';
import type { Priority, TicketStatus } from '../domain/ticket';
import type { TicketSnapshot } from '../domain/ticket-snapshot';

/**
 * The departments a staff caller may act for (null: every department, for admin and ops keys). The workflow checks it
 * against the task as it is now, so a department that just lost the ticket to an escalation cannot act on it.
 */
export type ActionScope = string[] | null;

/** What every staff action carries: who acts, for which departments, and the request id that makes a retry a no-op. */
interface StaffAction {
  actor: Actor;
  scope?: ActionScope;
  /** Derived from the caller's Idempotency-Key: a retried request (even after continue-as-new) is answered, not applied twice. */
  requestId?: string;
}
export interface ClaimTaskInput extends StaffAction {
  taskId: string;
  memberId: string;
}
export interface StaffMessageInput extends StaffAction {
  messageId: string;
  body: string;
  /** A reply to a WhatsApp customer: the channel's approved template to send (the API checked it is configured). */
  template?: string;
}
export interface CompleteTaskInput extends StaffAction {
  taskId: string;
  outcome: string;
}
/** An approver's answer to the current level of an approval. */
export interface ApprovalAnswerInput extends StaffAction {
  approvalId: string;
  decision: 'approve' | 'reject';
  reason: string;
}
/** A staff member sets the ticket's priority; the SLA clocks count on against that priority's targets. */
export interface ChangePriorityInput extends StaffAction {
  priority: Priority;
  reason: string;
}
/** The customer's vote from the survey page (its token named the ticket). */
export interface SurveyVoteInput {
  score: number;
  comment: string | null;
  requestId?: string;
}
export interface CustomerMessageInput {
  messageId: string;
  body: string;
  /** The channel it came through, when not the tracking page (a WhatsApp message, an e-mail …). */
  channel?: string;
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
export const answerApprovalUpdate = defineUpdate<TicketActionResult, [ApprovalAnswerInput]>('answerApproval');
export const changePriorityUpdate = defineUpdate<TicketActionResult, [ChangePriorityInput]>('changePriority');
export const submitSurveyVoteUpdate = defineUpdate<TicketActionResult, [SurveyVoteInput]>('submitSurveyVote');
export const addCustomerMessageUpdate = defineUpdate<TicketActionResult, [CustomerMessageInput]>('addCustomerMessage');
export const ticketSnapshotQuery = defineQuery<TicketSnapshot>('ticketSnapshot');
/** Ops changed configuration: a ticket waiting on missing configuration tries again now. */
export const configurationChangedSignal = defineSignal('configurationChanged');
/** To a conversation's workflow: a stored inbound message to route (its stored id). */
export const inboundMessageSignal = defineSignal<[string]>('inboundMessage');

/** Failure types the update validators reject with (the API maps them to 4xx problems). */
export const ACTION_REJECTIONS = [
  'TICKET_CLOSED',
  'INVALID_TRANSITION',
  'TASK_NOT_FOUND',
  'TICKET_NOT_FOUND',
  'VALIDATION_FAILED',
  'APPROVAL_NOT_FOUND',
  'APPROVAL_DECIDED',
  'ALREADY_ANSWERED',
  'NOT_AN_APPROVER',
  'REQUESTER_CANNOT_APPROVE',
  'SURVEY_NOT_FOUND',
  'SURVEY_ANSWERED',
  'SURVEY_CLOSED',
] as const;
export type ActionRejection = (typeof ACTION_REJECTIONS)[number];

/** Refuses a request from an update validator: the API answers it as the 4xx problem of `type`. */
export function rejectAction(type: ActionRejection, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}
