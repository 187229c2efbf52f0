import { addBusinessMinutes, businessMinutesBetween } from '../domain/business-calendar';
import type { BusinessCalendar } from '../domain/region';
import { minutesFromRunStart, type ClockComputation, type ClockComputationResult } from '../domain/sla-clock';

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
    /** Measures a clock's closed runs, then places its deadline, warning and ladder instants from its current run. */
    async computeClockInstants(input: { calendar: BusinessCalendar; asked: ClockComputation }): Promise<ClockComputationResult> {
      const { calendar, asked } = input;
      const runMinutes = asked.runs.map((r) => businessMinutesBetween(calendar, r.fromMs, r.toMs));
      const instants = minutesFromRunStart(asked, runMinutes).map((m) => addBusinessMinutes(calendar, asked.fromMs, m));
      return { runMinutes, instants };
    },
    /** Business minutes elapsed between two instants (release 0.1.0's pause). */
    async measureBusinessMinutes(input: { calendar: BusinessCalendar; fromMs: number; toMs: number }): Promise<number> {
      return businessMinutesBetween(input.calendar, input.fromMs, input.toMs);
    },
  };
}
