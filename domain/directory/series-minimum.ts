// A group's series with a minimum to run (issue 14): sign-ups until enrollment closes; on the
// decision date the series runs when enough people signed up, and is called off otherwise —
// everyone is told and everyone who paid is refunded.

export interface SeriesForDecision {
  minimum: number;
  maximum: number;
  /** The date (in the group's zone) on which the minimum is checked. */
  decideOn: string;
  decidedAt: string | null;
}

export type SeriesDecision = { decision: 'wait' } | { decision: 'run'; signUps: number } | { decision: 'call_off'; signUps: number; short: number };

/** What happens to a series on `today` (a date in the group's zone) with `signUps` active sign-ups. */
export function decideSeries(series: SeriesForDecision, signUps: number, today: string): SeriesDecision {
  if (series.decidedAt) return { decision: 'wait' };
  if (signUps >= series.minimum) {
    // Reaching the minimum early lets it run at once: people can plan.
    return { decision: 'run', signUps };
  }
  if (today < series.decideOn) return { decision: 'wait' };
  return { decision: 'call_off', signUps, short: series.minimum - signUps };
}

/** Whether one more person may sign up. */
export function seatsLeft(series: Pick<SeriesForDecision, 'maximum'>, signUps: number): number {
  return Math.max(0, series.maximum - signUps);
}
