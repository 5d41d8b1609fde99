// Stripe's wire protocol as the fake server speaks it: form-encoded bodies, error objects,
// object ids and timestamps.
import { randomBytes } from 'node:crypto';

export type Obj = Record<string, any>;

export const API_VERSION = '2026-10-28.endive';

/** A Stripe-shaped object id: `cs_test_…`, `pi_test_…`, `evt_test_…`. */
export function rid(prefix: string): string {
  return `${prefix}_test_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

/** Stripe's timestamps are Unix seconds. */
export const now = () => Math.floor(Date.now() / 1000);

/** Parses Stripe's form encoding: `a[b][0][c]=x`, `expand[]=y`. Numeric keys make arrays. */
export function parseStripeForm(text: string): Obj {
  const root: Obj = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.replace(/\]/g, '').split('[');
    let node: any = root;
    for (let i = 0; i < parts.length; i++) {
      const key = parts[i]!;
      const last = i === parts.length - 1;
      const nextKey = parts[i + 1];
      const container = () => (nextKey === '' || /^\d+$/.test(nextKey ?? '') ? [] : {});
      if (Array.isArray(node)) {
        const index = key === '' ? node.length : Number(key);
        if (last) node[index] = value;
        else node = node[index] ??= container();
      } else if (last) {
        node[key] = value;
      } else {
        node = node[key] ??= container();
      }
    }
  }
  return root;
}

export class StripeFailure extends Error {
  status: number;
  body: Obj;
  constructor(status: number, type: string, message: string, extra: Obj = {}) {
    super(message);
    this.status = status;
    this.body = { error: { type, message, ...extra } };
  }
}

export const invalid = (message: string, param?: string, code = 'parameter_invalid') =>
  new StripeFailure(400, 'invalid_request_error', message, { code, ...(param ? { param } : {}) });
export const missing = (param: string) => invalid(`Missing required param: ${param}.`, param, 'parameter_missing');
export const notFound = (kind: string, id: string, param = 'id') =>
  new StripeFailure(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param });

export function int(value: unknown, param: string, min = 0): number {
  if (value === undefined || value === '') throw missing(param);
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw invalid(`Invalid integer: ${String(value)}`, param);
  return n;
}

