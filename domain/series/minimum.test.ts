import { describe, expect, test } from 'vitest';
import { decideSeries, seatsLeft } from './minimum.ts';

describe('the minimum-to-run decision', () => {
  const series = { minimum: 6, maximum: 10, decideOn: '2025-09-01', decidedAt: null };
  test.each([
    ['before the date, short of the minimum: wait', 4, '2025-08-31', { decision: 'wait' }],
    ['on the date itself, short by two: still wait (the date counts to its end)', 4, '2025-09-01', { decision: 'wait' }],
    ['the day after, short by two: called off', 4, '2025-09-02', { decision: 'call_off', signUps: 4, short: 2 }],
    ['minimum reached before the date: runs', 6, '2025-08-15', { decision: 'run', signUps: 6 }],
    ['the day after with the minimum exactly: runs', 6, '2025-09-02', { decision: 'run', signUps: 6 }],
    ['one short, the day after: called off', 5, '2025-09-02', { decision: 'call_off', signUps: 5, short: 1 }],
    ['nobody signed up', 0, '2025-09-02', { decision: 'call_off', signUps: 0, short: 6 }],
  ])('%s', (_name, signUps, today, expected) => {
    expect(decideSeries(series, signUps, today)).toEqual(expected);
  });
  test('a decided series is not decided again', () => {
    expect(decideSeries({ ...series, decidedAt: '2025-09-01' }, 0, '2025-09-02')).toEqual({ decision: 'wait' });
  });
  test('seats left never negative', () => {
    expect(seatsLeft(series, 9)).toBe(1);
    expect(seatsLeft(series, 12)).toBe(0);
  });
});
