/**
 * The scale bench's regions and SLA policies, written through the ops configuration API (PUT /api/regions/{id},
 * PUT /api/sla-policies/{id}) with an ops key. Background regions are always open with month-long targets; the breach
 * regions are closed until one minute (the gate), so every first-response clock of a ticket opened before it starts
 * there, and their targets, 2 s apart, spread the deadlines over the minute after it.
 */
import { WEEKDAYS, type Region } from '../../domain/region';
import type { SlaPolicy, SlaTargets } from '../../domain/sla-policy';
import { ALWAYS } from '../../tests/support/test-config';
import { expectStatus, httpRequest } from '../http-client';

/** Always-open regions the background tickets are spread over, one zone each (plus the seeded `test-utc`). */
export const BACKGROUND_REGIONS = [
  { id: 'scale-berlin', timeZone: 'Europe/Berlin' },
  { id: 'scale-new-york', timeZone: 'America/New_York' },
  { id: 'scale-kolkata', timeZone: 'Asia/Kolkata' },
  { id: 'test-utc', timeZone: 'UTC' },
] as const;

/** Breach regions: slot k has a first-response target of 1 min + 2k s after the gate (30 slots fill the minute). */
export const BREACH_SLOTS = 30;
export const breachRegionId = (slot: number) => `scale-breach-${String(slot).padStart(2, '0')}`;
/** First-response target of a breach slot, in business minutes after the gate. */
export const breachTargetMinutes = (slot: number) => 1 + (2 * slot) / 60;

const MONTH = 30 * 24 * 60;
const LONG: SlaTargets = { firstResponseMinutes: MONTH, nextResponseMinutes: MONTH, resolutionMinutes: 3 * MONTH };

function region(id: string, calendar: Region['calendar']): Region {
  return { id, name: `Scale bench ${id}`, calendar, defaultLanguage: 'en', retentionDays: 30 };
}

function policy(regionId: string, targets: SlaTargets): SlaPolicy {
  const all = { low: targets, normal: targets, high: targets, urgent: targets };
  return { id: `${regionId}-sla`, name: `Scale bench ${regionId}`, regionId, targets: all, warningAtPercent: 80, escalationLadder: [], reopenWindowMinutes: 60 };
}

/** One 24-hour span that opens at the gate minute (UTC): closed before it, so a clock started earlier waits for it. */
export function gateCalendar(gateAtMs: number): Region['calendar'] {
  const at = new Date(gateAtMs);
  const weekday = WEEKDAYS[(at.getUTCDay() + 6) % 7]!; // getUTCDay: 0 is Sunday; WEEKDAYS starts on Monday
  const hhmm = at.toISOString().slice(11, 16);
  return { timeZone: 'UTC', weeklyHours: { [weekday]: [{ start: hhmm, end: hhmm }] }, holidays: [] }; // end = start: 24 h
}

/** Writes regions and policies through the ops API. */
export class OpsConfig {
  constructor(
    private readonly baseUrl: string,
    private readonly opsKey: string,
  ) {}

  private async put(path: string, body: unknown): Promise<void> {
    const res = await httpRequest(this.baseUrl, 'PUT', path, body, { authorization: `Bearer ${this.opsKey}` });
    if (res.status !== 200) expectStatus(res.status, 201, res.body, `PUT ${path}`);
  }

  /** The background regions (always open) with month-long targets. */
  async putBackgroundRegions(): Promise<void> {
    for (const { id, timeZone } of BACKGROUND_REGIONS) {
      if (id === 'test-utc') continue; // seeded by the bench servers with long targets already
      await this.put(`/api/regions/${id}`, region(id, { timeZone, weeklyHours: ALWAYS, holidays: [] }));
      await this.put(`/api/sla-policies/${id}-sla`, policy(id, LONG));
    }
  }

  /** The breach regions, closed until `gateAtMs`; slot k's first response is due 1 min + 2k s after it. */
  async putBreachRegions(gateAtMs: number): Promise<void> {
    for (let slot = 0; slot < BREACH_SLOTS; slot++) {
      const id = breachRegionId(slot);
      await this.put(`/api/regions/${id}`, region(id, gateCalendar(gateAtMs)));
      await this.put(`/api/sla-policies/${id}-sla`, policy(id, { ...LONG, firstResponseMinutes: breachTargetMinutes(slot) }));
    }
  }
}
