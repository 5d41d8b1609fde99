// Error codes of the public site's content (issue 14) and the catalog key of each message (see domain/errors.ts).
export const CONTENT_ERRORS = {
  PAGE_NOT_FOUND: 'contentErrors.pageNotFound',
  PAGE_SLUG_TAKEN: 'contentErrors.pageSlugTaken',
  PAGE_REVISION_NOT_FOUND: 'contentErrors.revisionNotFound',
  PAGE_CHANGED_SINCE: 'contentErrors.pageChangedSince',
  ENTRY_NOT_FOUND: 'contentErrors.entryNotFound',
  IMAGE_NOT_FOUND: 'contentErrors.imageNotFound',
} as const satisfies Record<string, string>;
