// Errors carry codes; callers branch on `code`, never on message text.
export type GroupingErrorCode =
  | 'INSTANCE_FORMAT'
  | 'INSTANCE_VALUE'
  | 'UNKNOWN_PERSON'
  | 'UNKNOWN_GROUP'
  | 'UNKNOWN_ATTRIBUTE'
  | 'INVALID_OPTIONS';

export class GroupingError extends Error {
  readonly code: GroupingErrorCode;
  constructor(code: GroupingErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'GroupingError';
    this.code = code;
  }
}
