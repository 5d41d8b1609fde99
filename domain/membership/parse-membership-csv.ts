// Membership rows from a CSV file (RFC 4180), checked row by row before anything is saved.
import { z } from 'zod';

/** Splits CSV text into rows of fields: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const input = text.replace(/^\uFEFF/, '');
  while (i < input.length) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && input[i + 1] === '\n') i += 1;
    } else field += c;
    i += 1;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export const MEMBERSHIP_COLUMNS = ['email', 'name', 'type', 'valid_from', 'valid_to'] as const;

const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/);

export const membershipSchema = z
  .object({
    email: z.string().trim().min(1).pipe(z.email()),
    name: z.string().trim().max(200).default(''),
    type: z.string().trim().max(60).default(''),
    validFrom: isoDate,
    validTo: isoDate,
  })
  .refine((m) => m.validFrom <= m.validTo, { path: ['validTo'], message: 'DATES_OUT_OF_ORDER' });

export type MembershipInput = z.output<typeof membershipSchema>;

export interface RowProblem {
  /** 1-based line in the file, counting the header. */
  line: number;
  field: string;
  code: 'REQUIRED' | 'INVALID_EMAIL' | 'INVALID_DATE' | 'DATES_OUT_OF_ORDER' | 'TOO_LONG' | 'MISSING_COLUMN' | 'DUPLICATE';
}

export interface ParsedMemberships {
  rows: (MembershipInput & { line: number })[];
  problems: RowProblem[];
}

function realDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** Every row checked; the import saves only when `problems` is empty. */
export function parseMembershipCsv(text: string): ParsedMemberships {
  const [header, ...body] = parseCsv(text);
  if (!header) return { rows: [], problems: [{ line: 1, field: 'email', code: 'MISSING_COLUMN' }] };
  const names = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const missing = MEMBERSHIP_COLUMNS.filter((c) => c !== 'name' && c !== 'type' && !names.includes(c));
  if (missing.length > 0) return { rows: [], problems: missing.map((field) => ({ line: 1, field, code: 'MISSING_COLUMN' as const })) };
  const rows: ParsedMemberships['rows'] = [];
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  body.forEach((fields, index) => {
    const line = index + 2;
    const get = (c: string) => fields[names.indexOf(c)] ?? '';
    const raw = { email: get('email'), name: get('name'), type: get('type') || 'regular', validFrom: get('valid_from'), validTo: get('valid_to') };
    const result = membershipSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = String(issue.path[0]);
        const empty = String((raw as Record<string, string>)[field] ?? '').trim() === '';
        const code: RowProblem['code'] = empty
          ? 'REQUIRED'
          : issue.message === 'DATES_OUT_OF_ORDER'
            ? 'DATES_OUT_OF_ORDER'
            : field === 'email'
              ? 'INVALID_EMAIL'
              : issue.code === 'too_big'
                ? 'TOO_LONG'
                : 'INVALID_DATE';
        if (!problems.some((p) => p.line === line && p.field === field)) problems.push({ line, field, code });
      }
      return;
    }
    const bad = (['validFrom', 'validTo'] as const).filter((f) => !realDate(result.data[f]));
    for (const field of bad) problems.push({ line, field, code: 'INVALID_DATE' });
    if (bad.length > 0) return;
    const key = `${result.data.email.toLowerCase()}|${result.data.validFrom}`;
    if (seen.has(key)) {
      problems.push({ line, field: 'email', code: 'DUPLICATE' });
      return;
    }
    seen.add(key);
    rows.push({ ...result.data, line });
  });
  return { rows, problems };
}
