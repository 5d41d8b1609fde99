// Bounds the director's forms and the optimizer runs share (pages read them in the browser too).
export const SETTINGS_LIMITS = { groups: 40, size: 60, weight: 10, leaders: 4 } as const;

export const STALE_RUN_MS = 30_000;
export const DEFAULT_TIME_LIMIT_MS = 20_000;
export const MAX_TIME_LIMIT_MS = 300_000;
