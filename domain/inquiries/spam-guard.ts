// What refuses a submission before anything is stored, apart from the per-address limit
// (inquiry-throttle.server.ts): the honeypot, and the form token's fill time. Pure.
import type { FormTokenCheck } from './fill-time.server.ts';

export type SpamRefusal = 'INQUIRY_HONEYPOT' | 'INQUIRY_TOO_FAST' | 'INQUIRY_FORM_EXPIRED';

/**
 * The refusal for a submission, or null. The honeypot first (a script that fills every field);
 * then the token: too fast, or not a token this server signed for this organization lately.
 */
export function spamRefusal(honeypot: string | undefined, token: FormTokenCheck): SpamRefusal | null {
  if ((honeypot ?? '').trim() !== '') return 'INQUIRY_HONEYPOT';
  if (token.ok) return null;
  return token.problem === 'too_fast' ? 'INQUIRY_TOO_FAST' : 'INQUIRY_FORM_EXPIRED';
}
