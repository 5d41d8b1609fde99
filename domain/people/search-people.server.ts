// One search for people (issue 18): staff find anyone connected to their organization — a
// role, a registration, a membership, a donation — by part of a name or email, without caring
// about accents or case ("zoe" finds "Zoë", "LUKAS" finds "Łukasiewicz"). The deployment's
// operator searches every organization. PostgreSQL does the matching with trigram indexes on
// the stored column search_text = search_normalize(name || ' ' || email) (migrations 0014 and
// 0019), never a scan in application code.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';

/** Shorter queries match too much to be useful and cannot use a trigram index. */
export const MIN_QUERY_LENGTH = 2;
export const MAX_QUERY_LENGTH = 100;
export const RESULT_LIMIT = 50;
/**
 * A query matching more people than this is broad: the matches that do not start with it are
 * taken as found, this many at most, before they are sorted by name (ADR 0066).
 */
export const OTHERS_EXAMINED = 500;

export interface PersonHit {
  userId: string | null;
  name: string;
  email: string;
  /** Organization slugs the person is connected to (operator search), or the one searched. */
  organizations: string[];
  roles: string[];
  registrations: number;
  /** Latest membership end date in the organization(s) searched, if any. */
  memberUntil: string | null;
}

export type SearchOutcome = { ok: true; query: string; hits: PersonHit[]; more: boolean } | { ok: false; problem: 'too_short' | 'too_long' };

/** Below this, a word cannot use a trigram index: it matches as the start of a word instead. */
const TRIGRAM = 3;

export interface QueryWord {
  /** The word as typed (NFC). */
  text: string;
  /** Anywhere in name or email (a LIKE pattern, wildcards escaped), or the start of a word. */
  match: 'anywhere' | 'word_start';
}

/** The words of a query (at most six), each with how it matches. */
export function queryWords(query: string): QueryWord[] {
  return query
    .normalize('NFC')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6)
    .map((word) => ({ text: word, match: [...word].length >= TRIGRAM ? 'anywhere' : 'word_start' }));
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Every word must match `column`: a word of three characters or more anywhere in it (trigram
 * index), a shorter one ("Li", "Ng") as the start of one of its words (full-text index; the
 * word is passed quoted, so no character of it is tsquery syntax: tsqueryPrefix).
 */
function matches(column: SQL, words: QueryWord[]): SQL {
  return sql.join(
    words.map((w) =>
      w.match === 'anywhere'
        ? anywhere(column, w.text)
        : sql`to_tsvector('simple', ${column}) @@ to_tsquery('simple', ${tsqueryPrefix(w.text)})`,
    ),
    sql` and `,
  );
}

/**
 * The word, normalized, as one quoted tsquery lexeme matching as a prefix: `'zo':*`. Quoted for
 * tsquery's own syntax (a quote doubled, a backslash escaped), not with quote_literal, whose
 * SQL quoting turns a backslash into an E'…' string that tsquery cannot parse.
 */
function tsqueryPrefix(word: string): SQL {
  return sql`'''' || replace(replace(search_normalize(${word}), chr(92), chr(92) || chr(92)), '''', '''''') || ''':*'`;
}

/**
 * A word anywhere in `column`. The trigrams of an email's domain ("example.org") are in nearly
 * every row, and the trigram index reads every row's entry for each of them: so a word with an
 * "@" is looked up by the part before it, when that part is long enough to use the index, and
 * the whole word is then checked on those rows only (strpos is not indexable, so it filters).
 */
function anywhere(column: SQL, word: string): SQL {
  const local = word.slice(0, word.indexOf('@'));
  if (word.includes('@') && [...local].length >= TRIGRAM) {
    return sql`(${column} like search_normalize(${`%${escapeLike(local)}%`}) and strpos(${column}, search_normalize(${word})) > 0)`;
  }
  return sql`${column} like search_normalize(${`%${escapeLike(word)}%`})`;
}

/**
 * The organizations a person is connected to: every one for the operator; for an
 * organization's staff only their own (staff of one organization never learn that someone is
 * known to another).
 */
function organizationsOf(organizationId: string | null): SQL {
  if (organizationId !== null) return sql`(select array[o.slug] from organizations o where o.id = ${organizationId})`;
  return sql`(select array_agg(distinct o.slug order by o.slug) from organizations o
    where exists (select 1 from organization_roles r where r.user_id = u.id and r.organization_id = o.id)
       or exists (select 1 from registrations g where g.user_id = u.id and g.organization_id = o.id)
       or exists (select 1 from memberships m where m.user_id = u.id and m.organization_id = o.id)
       or exists (select 1 from membership_terms mt where mt.user_id = u.id and mt.organization_id = o.id)
       or exists (select 1 from donations d where d.user_id = u.id and d.organization_id = o.id))`;
}

/**
 * People matching every word of `query` (in name or email), connected to `organizationId`, or
 * to any organization when it is null (the operator). Accounts first, then membership records
 * that have no account (imported lists).
 */
export async function searchPeople(db: DbOrTx, organizationId: string | null, rawQuery: string): Promise<SearchOutcome> {
  const query = rawQuery.trim().replace(/\s+/g, ' ');
  if ([...query].length < MIN_QUERY_LENGTH) return { ok: false, problem: 'too_short' };
  if ([...query].length > MAX_QUERY_LENGTH) return { ok: false, problem: 'too_long' };
  const words = queryWords(query);
  // `offset 0` keeps each test a probe of the (user_id, organization_id) index for this match:
  // without it PostgreSQL turns the EXISTS into a hash of every row the organization has in
  // that table, built on every search (60,000 roles: 25–90 ms at 200,000 people, bench:scale).
  const inOrg = (table: string, userColumn = 'user_id') =>
    organizationId === null
      ? sql.raw(`exists (select 1 from ${table} x where x.${userColumn} = u.id offset 0)`)
      : sql`exists (select 1 from ${sql.raw(table)} x where x.${sql.raw(userColumn)} = u.id and x.organization_id = ${organizationId} offset 0)`;
  const orgFilter = (alias: string) => (organizationId === null ? sql`true` : sql`${sql.raw(alias)}.organization_id = ${organizationId}`);
  const connected = sql`(${inOrg('organization_roles')} or ${inOrg('registrations')} or ${inOrg('memberships')} or ${inOrg('membership_terms')} or ${inOrg('donations')})`;
  // In the C collation, so that the prefix index (search_text COLLATE "C", migration 0019) both
  // finds the prefix as a range and gives the rows in order.
  const startsWith = sql`u.search_text collate "C" like search_normalize(${`${escapeLike(query)}%`})`;
  // The matches first, then the details of those few (51 rows at most). Matches come in two
  // steps, so that a broad query ("Zo", a common first name) at 200,000 people does not visit
  // thousands of rows (bench:scale, ADR 0066): first those whose name (or whole text) starts
  // with the query, in folded alphabetical order, read in that order from the prefix index and
  // stopped at 51; then, only when fewer, the others: at most OTHERS_EXAMINED of them are taken
  // (the page says "more match" anyway beyond 50) and sorted the same way. Folded order: "Yán"
  // and "YAN" sort together.
  const first = await db.execute<{ id: string }>(sql`
    select u.id from users u
    where ${startsWith} and ${matches(sql`u.search_text`, words)} and ${connected}
    order by u.search_text collate "C"
    limit ${RESULT_LIMIT + 1}`);
  let ids = first.rows.map((r) => r.id);
  if (ids.length <= RESULT_LIMIT) {
    const others = await db.execute<{ id: string }>(sql`
      with examined as materialized (
        select u.id, u.search_text from users u
        where ${matches(sql`u.search_text`, words)} and not (${startsWith}) and ${connected}
        limit ${OTHERS_EXAMINED}
      )
      select id from examined order by search_text collate "C" limit ${RESULT_LIMIT + 1 - ids.length}`);
    ids = [...ids, ...others.rows.map((r) => r.id)];
  }
  const accounts = await db.execute<{ user_id: string; name: string; email: string; organizations: string[] | null; roles: string[] | null; registrations: number; member_until: string | null }>(sql`
    with matched as materialized (
      select u.id, u.name, u.email, u.search_text, ${startsWith} as starts
      from users u
      where u.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
    )
    select u.id as user_id, u.name, u.email,
      ${organizationsOf(organizationId)} as organizations,
      (select array_agg(distinct r.role order by r.role) from organization_roles r where r.user_id = u.id and ${orgFilter('r')}) as roles,
      (select count(*)::int from registrations g where g.user_id = u.id and ${orgFilter('g')}) as registrations,
      (select max(until)::text from (
        select m.valid_to as until from memberships m where m.user_id = u.id and ${orgFilter('m')}
        union all select mt.ends_on from membership_terms mt where mt.user_id = u.id and mt.status = 'active' and ${orgFilter('mt')}
      ) member) as member_until
    from matched u
    order by u.starts desc, u.search_text collate "C"`);
  const records = await db.execute<{ name: string; email: string; slug: string; member_until: string }>(sql`
    select m.name, m.email, o.slug, max(m.valid_to)::text as member_until
    from memberships m join organizations o on o.id = m.organization_id
    where m.user_id is null and ${orgFilter('m')} and ${matches(sql`m.search_text`, words)}
    group by m.name, m.email, o.slug
    order by m.name, m.email
    limit ${RESULT_LIMIT}`);
  const hits: PersonHit[] = accounts.rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    email: r.email,
    organizations: r.organizations ?? [],
    roles: r.roles ?? [],
    registrations: r.registrations,
    memberUntil: r.member_until,
  }));
  for (const r of records.rows) hits.push({ userId: null, name: r.name, email: r.email, organizations: [r.slug], roles: [], registrations: 0, memberUntil: r.member_until });
  return { ok: true, query, hits: hits.slice(0, RESULT_LIMIT), more: hits.length > RESULT_LIMIT };
}
