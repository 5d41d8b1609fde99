// An application's content and a reviewer's comment exist in the database only sealed, bound
// to their row (ADR 0043). These are the only functions that seal or open them.
import { open, seal } from '#lib/crypto/sealed.server.ts';
import { AID_GROUPS, normalizeContent, type AidContent } from './program.ts';

/** The current key, or the current key followed by retired ones (for opening only). */
export type SealingKeys = Buffer | readonly Buffer[];

const applicationRow = (id: string) => `aid_application:${id}`;
const reviewRow = (id: string) => `aid_review:${id}`;

function current(keys: SealingKeys): Buffer {
  return Buffer.isBuffer(keys) ? keys : keys[0]!;
}

export function sealContent(content: AidContent, keys: SealingKeys, applicationId: string): string {
  return seal(JSON.stringify(normalizeContent(content)), current(keys), applicationRow(applicationId));
}

export function openContent(sealed: string, keys: SealingKeys, applicationId: string): AidContent {
  const raw = JSON.parse(open(sealed, keys, applicationRow(applicationId))) as Partial<AidContent>;
  return {
    statement: String(raw.statement ?? ''),
    groups: AID_GROUPS.filter((g) => raw.groups?.includes(g)),
    selfDescribed: String(raw.selfDescribed ?? ''),
    preferNotToSay: raw.preferNotToSay === true,
  };
}

export function sealComment(comment: string, keys: SealingKeys, reviewId: string): string {
  return seal(comment.trim(), current(keys), reviewRow(reviewId));
}

export function openComment(sealed: string, keys: SealingKeys, reviewId: string): string {
  return open(sealed, keys, reviewRow(reviewId));
}
