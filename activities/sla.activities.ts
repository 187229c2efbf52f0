import { addBusinessMinutes, businessMinutesBetween } from '../domain/business-calendar';
import type { BusinessCalendar } from '../domain/region';

/**
 * Calendar math for SLA clocks. It runs as an activity so its result is recorded in history: a tzdata
 * change in a later Node never moves a deadline of a running ticket on replay.
 */
export function createSlaActivities() {
  return {
    /** The instants at which each of `minutes` business minutes have elapsed from `fromMs`. */
    async computeBusinessInstants(input: { calendar: BusinessCalendar; fromMs: number; minutes: number[] }): Promise<number[]> {
      return input.minutes.map((m) => addBusinessMinutes(input.calendar, input.fromMs, Math.max(0, m)));
    },
    /** Business minutes elapsed between two instants. */
    async measureBusinessMinutes(input: { calendar: BusinessCalendar; fromMs: number; toMs: number }): Promise<number> {
      return businessMinutesBetween(input.calendar, input.fromMs, input.toMs);
    },
  };
}
