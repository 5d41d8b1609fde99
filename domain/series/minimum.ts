// A group's series with a minimum to run (issue 14, ADR 0063): sign-ups until enrollment
// closes; after the decide-by date the series runs when enough people signed up, and is
// called off otherwise — everyone is told and everyone who paid is refunded.
// (Moved here from domain/directory/series-minimum.ts.)

export interface SeriesForDecision {
  minimum: number;
  maximum: number;
  /** The local date (the group's zone) the minimum is checked after: inclusive to the end of that day. */
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
  // The decide-by date counts whole: people may still sign up until it ends.
  if (today <= series.decideOn) return { decision: 'wait' };
  return { decision: 'call_off', signUps, short: series.minimum - signUps };
}

/** How many more people may sign up. */
export function seatsLeft(series: Pick<SeriesForDecision, 'maximum'>, signUps: number): number {
  return Math.max(0, series.maximum - signUps);
}
