/** Workflow entry points registered with the worker. */
export { ticketLifecycleWorkflow } from './ticket-lifecycle.workflow';
export { conversationWorkflow } from './conversation.workflow';
