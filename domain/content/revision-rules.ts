// The rules of a page's revisions, apart from the database (unit-tested beside):
// - every save that changes what an editor typed keeps a new revision, numbered one more than
//   the page's latest; a save that changes nothing keeps none;
// - restoring revision N makes a new revision with N's text (noting it came from N): history is
//   never rewritten, so the restore itself can be undone by restoring again;
// - restoring the revision the page already shows changes nothing.
import type { PageFields } from '#db/schema/content.ts';

export const PAGE_FIELD_NAMES = ['title', 'slug', 'description', 'body', 'socialTitle', 'socialDescription', 'socialImageUrl', 'twitterCard'] as const satisfies readonly (keyof PageFields)[];

export function pageFieldsFrom(row: PageFields): PageFields {
  return Object.fromEntries(PAGE_FIELD_NAMES.map((name) => [name, row[name]])) as unknown as PageFields;
}

/** The fields that differ between two versions of a page. */
export function changedFields(before: PageFields, after: PageFields): (keyof PageFields)[] {
  return PAGE_FIELD_NAMES.filter((name) => before[name] !== after[name]);
}

export type RevisionPlan = { kind: 'none' } | { kind: 'new'; number: number; fields: PageFields; restoredFrom: number | null };

/** What saving `next` over a page at revision `latest` with fields `current` keeps. */
export function planSave(current: PageFields, latest: number, next: PageFields): RevisionPlan {
  if (changedFields(current, next).length === 0) return { kind: 'none' };
  return { kind: 'new', number: latest + 1, fields: next, restoredFrom: null };
}

/** What restoring `revision` (number `from`, fields `fields`) over a page at `latest` keeps. */
export function planRestore(current: PageFields, latest: number, from: number, fields: PageFields): RevisionPlan {
  if (from > latest) throw new RangeError(`revision ${from} is newer than the page's latest (${latest})`);
  if (changedFields(current, fields).length === 0) return { kind: 'none' };
  return { kind: 'new', number: latest + 1, fields: pageFieldsFrom(fields), restoredFrom: from };
}
