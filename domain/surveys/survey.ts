/** A ticket's satisfaction survey as the workflow keeps it (plain data: it crosses continue-as-new; no zod here). */

export type SurveyStatus = 'scheduled' | 'sent' | 'answered' | 'expired' | 'undeliverable';

export interface SurveyState {
  status: SurveyStatus;
  sentAtMs: number | null;
  /** Seven days after it was sent: no vote is taken after that. */
  expiresAtMs: number | null;
  score: number | null;
  comment: string | null;
  answeredAtMs: number | null;
  /** A low score asked for a follow-up task; `followUpOpened` once it exists. */
  followUp: boolean;
  followUpOpened: boolean;
  /**
   * The survey mail is being handed to the mail server: the customer may hold the link before the delivery's answer
   * reaches the workflow, and a vote then is taken.
   */
  sending?: boolean;
}

export const SURVEY_OPEN_MS = 7 * 24 * 60 * 60_000;

export function newSurvey(): SurveyState {
  return { status: 'scheduled', sentAtMs: null, expiresAtMs: null, score: null, comment: null, answeredAtMs: null, followUp: false, followUpOpened: false };
}

/** Why a vote is refused, or null when it may be recorded. */
export function voteRefusal(s: SurveyState | null): 'SURVEY_NOT_FOUND' | 'SURVEY_ANSWERED' | 'SURVEY_CLOSED' | null {
  if (!s || s.status === 'undeliverable' || (s.status === 'scheduled' && !s.sending)) return 'SURVEY_NOT_FOUND';
  if (s.status === 'answered') return 'SURVEY_ANSWERED';
  if (s.status === 'expired') return 'SURVEY_CLOSED';
  return null;
}
