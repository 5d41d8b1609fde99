// Every public table's row count and an order-independent checksum of its rows' text: two
// databases with equal fingerprints hold the same rows (backup round trips, ADR 0071).
import type pg from 'pg';

export interface TableFingerprint {
  rows: number;
  md5: string;
}

export async function fingerprint(client: pg.ClientBase | pg.Pool): Promise<Map<string, TableFingerprint>> {
  const tables = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
  );
  const result = new Map<string, TableFingerprint>();
  for (const { name } of tables.rows) {
    const r = await client.query<{ rows: number; md5: string }>(
      `select count(*)::int as rows, coalesce(md5(string_agg(t::text, E'\\n' order by t::text collate "C")), '') as md5 from "${name}" t`,
    );
    result.set(name, r.rows[0]!);
  }
  return result;
}

/** The ledger's own figures: per kind, the entries and their sum. */
export async function ledgerFigures(client: pg.ClientBase | pg.Pool): Promise<string> {
  const r = await client.query<{ figures: string }>(
    `select coalesce(string_agg(kind || ':' || n || ':' || total, ',' order by kind), '') as figures
       from (select kind::text, count(*) as n, sum(amount_minor) as total from ledger_entries group by kind) k`,
  );
  return r.rows[0]!.figures;
}
