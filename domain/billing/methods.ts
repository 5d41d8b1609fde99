// Ways money arrives that staff record by hand (cards come through the provider).
export const RECORDABLE_METHODS_LIST = ['check', 'bank_transfer', 'cash', 'other'] as const;
export type RecordableMethodName = (typeof RECORDABLE_METHODS_LIST)[number];
