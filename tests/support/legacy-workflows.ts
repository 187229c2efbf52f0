/**
 * Release 0.1.0's lifecycle under the production workflow name: a worker bundled from this file starts tickets as an
 * installation of 0.1.0 did (no lifecycle patch marker), so a later current worker runs them as legacy runs.
 */
export { ticketLifecycleV01 as ticketLifecycleWorkflow } from '../../workflows/legacy/v0-1/ticket-lifecycle';
