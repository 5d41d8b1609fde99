// One search for people: accents and case do not matter, parts of names and emails match,
// every word must match, wildcards typed are literal, and staff of one organization find only
// people connected to it — never learning that someone is known elsewhere.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { organizationRoles, users } from '#db/schema/accounts.ts';
import { membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { donations, } from '#db/schema/money.ts';
import { memberships } from '#db/schema/registration.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { personRecord } from './person-record.server.ts';
import { searchPeople } from './search-people.server.ts';

const testDb = useTestDatabase();
let abs: { id: string; slug: string };
let nwbc: { id: string; slug: string };
const ids: Record<string, string> = {};

async function person(key: string, name: string, email: string) {
  const id = randomUUID();
  await testDb.db.insert(users).values({ id, name, email, emailVerified: true });
  ids[key] = id;
  return id;
}

const names = async (org: string | null, q: string) => {
  const outcome = await searchPeople(testDb.db, org, q);
  if (!outcome.ok) throw new Error(outcome.problem);
  return outcome.hits.map((h) => h.name);
};

describe('searching for people', () => {
  beforeAll(async () => {
    abs = await createOrganization(testDb.db, 'abs-search');
    nwbc = await createOrganization(testDb.db, 'nwbc-search');
    await person('zoe', 'Zoë Łukasiewicz', 'zoe.l@example.org');
    await person('renee', 'Renée Dubois', 'RDUBOIS@Example.org');
    await person('percent', 'Al 100% Sure', 'al@example.org');
    await person('circleOnly', 'Zoe Circle', 'zoe.circle@example.org');
    await person('nobody', 'Zoe Nowhere', 'zoe.nowhere@example.org');
    await testDb.db.insert(organizationRoles).values([
      { organizationId: abs.id, userId: ids.zoe!, role: 'member' },
      { organizationId: abs.id, userId: ids.percent!, role: 'member' },
      { organizationId: nwbc.id, userId: ids.circleOnly!, role: 'member' },
      { organizationId: nwbc.id, userId: ids.zoe!, role: 'admin' },
    ]);
    await testDb.db.insert(donations).values({ organizationId: abs.id, userId: ids.renee!, name: 'Renée Dubois', email: 'rdubois@example.org', amountMinor: 5000, currency: 'USD' });
    await testDb.db.insert(memberships).values({ organizationId: abs.id, email: 'jose.nunez@example.org', name: 'José Núñez', validFrom: '2026-01-01', validTo: '2026-12-31', source: 'csv' });
  });

  test('accents and case do not matter, in either direction', async () => {
    expect(await names(abs.id, 'zoe')).toEqual(['Zoë Łukasiewicz']);
    expect(await names(abs.id, 'ŁUKAS')).toEqual(['Zoë Łukasiewicz']);
    expect(await names(abs.id, 'lukas')).toEqual(['Zoë Łukasiewicz']);
    expect(await names(abs.id, 'renee')).toEqual(['Renée Dubois']);
    expect(await names(abs.id, 'rdubois@EXAMPLE')).toEqual(['Renée Dubois']);
    expect(await names(abs.id, 'nunez')).toEqual(['José Núñez']);
  });

  test('a word shorter than three letters matches the start of a word', async () => {
    expect(await names(abs.id, 'zo')).toEqual(['Zoë Łukasiewicz']);
    expect(await names(abs.id, 'du re')).toEqual(['Renée Dubois']);
    expect(await names(abs.id, 'oe')).toEqual([]);
    // Characters of tsquery syntax are only text.
    expect(await names(abs.id, "a' | !")).toEqual([]);
    // A backslash too (quote_literal once made `\)` into E'\\)', a tsquery syntax error: a 500).
    expect(await names(abs.id, '\\)')).toEqual([]);
    expect(await names(abs.id, "\\'")).toEqual([]);
    expect(await names(abs.id, "'\\")).toEqual([]);
    // Short, the word's letters still start a word; three characters or more, it is literal text.
    expect(await names(abs.id, 'z\\')).toEqual(['Zoë Łukasiewicz']);
    expect(await names(abs.id, 'zo\\')).toEqual([]);
    expect(await names(null, '\\\\ \\')).toEqual([]);
  });

  test('every word must match, anywhere in name or email', async () => {
    expect(await names(abs.id, 'zoe example')).toEqual(['Zoë Łukasiewicz']);
    expect(await names(abs.id, 'zoe dubois')).toEqual([]);
  });

  test('a whole email, or its end, finds its person; another domain does not', async () => {
    expect(await names(abs.id, 'RDubois@Example.org')).toEqual(['Renée Dubois']);
    expect(await names(abs.id, 'dubois@example.org')).toEqual(['Renée Dubois']);
    expect(await names(abs.id, 'rdubois@example.com')).toEqual([]);
    expect(await names(abs.id, 'rd@example.org')).toEqual([]);
  });

  test('a broad query: names starting with it come first, in folded alphabetical order, a page of 50 and "more"', async () => {
    const broad = await createOrganization(testDb.db, 'broad-search');
    // Inserted out of order, with accents and case that the order must fold.
    for (const n of [...Array(56).keys()].reverse()) {
      const id = await person(`yan${n}`, `${n % 2 ? 'Yán' : 'YAN'} Person ${String(n).padStart(2, '0')}`, `yp${n}@example.org`);
      await testDb.db.insert(organizationRoles).values({ organizationId: broad.id, userId: id, role: 'member' });
    }
    const elsewhere = await person('bryan', 'Bryan Adams', 'bryan@example.org');
    await testDb.db.insert(organizationRoles).values({ organizationId: broad.id, userId: elsewhere, role: 'member' });
    const outcome = await searchPeople(testDb.db, broad.id, 'yan');
    expect(outcome.ok && outcome.more).toBe(true);
    const hits = outcome.ok ? outcome.hits.map((h) => h.name) : [];
    expect(hits).toHaveLength(50);
    expect(hits.map((h) => h.slice(-2))).toEqual([...Array(50).keys()].map((n) => String(n).padStart(2, '0')));
    // Fewer than a page start with the query: the others follow, by name.
    expect(await names(broad.id, 'person 5')).toEqual(['YAN Person 50', 'Yán Person 51', 'YAN Person 52', 'Yán Person 53', 'YAN Person 54', 'Yán Person 55']);
    expect(await names(broad.id, 'ryan')).toEqual(['Bryan Adams']);
  });

  test('a typed % or _ is literal, not a wildcard', async () => {
    expect(await names(abs.id, '100%')).toEqual(['Al 100% Sure']);
    // Unescaped, `_` would match the space in "Al 100% Sure".
    expect(await names(abs.id, 'al_')).toEqual([]);
  });

  test('staff find only people connected to their organization, and see only their organization', async () => {
    expect(await names(nwbc.id, 'zoe')).toEqual(['Zoe Circle', 'Zoë Łukasiewicz']);
    const outcome = await searchPeople(testDb.db, abs.id, 'zoe');
    expect(outcome.ok && outcome.hits[0]).toMatchObject({ organizations: ['abs-search'], roles: ['member'] });
    // The operator searches every organization and sees each person's.
    const everywhere = await searchPeople(testDb.db, null, 'zoe');
    expect(everywhere.ok && everywhere.hits.map((h) => [h.name, h.organizations])).toEqual([
      ['Zoe Circle', ['nwbc-search']],
      ['Zoë Łukasiewicz', ['abs-search', 'nwbc-search']],
    ]);
    // Someone with an account but no tie to any organization is nobody's to find.
    expect(await names(null, 'nowhere')).toEqual([]);
  });

  test('too short or too long a query is refused with a reason', async () => {
    expect(await searchPeople(testDb.db, abs.id, ' z ')).toEqual({ ok: false, problem: 'too_short' });
    expect(await searchPeople(testDb.db, abs.id, 'z'.repeat(101))).toEqual({ ok: false, problem: 'too_long' });
  });

  test('the query uses the trigram index on the stored search column', async () => {
    const plan = await testDb.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute<{ 'QUERY PLAN': string }>(sql`explain select id from users where search_text like search_normalize('%lukas%')`);
      return result.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('users_search_trgm');
  });

  test('a person’s record: only this organization’s registrations, money, memberships and roles; strangers not found', async () => {
    const record = await personRecord(testDb.db, abs.id, ids.renee!);
    expect(record.person).toMatchObject({ name: 'Renée Dubois' });
    expect(record.roles).toEqual([]);
    await expect(personRecord(testDb.db, abs.id, ids.circleOnly!)).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
    await expect(personRecord(testDb.db, nwbc.id, ids.renee!)).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
    expect((await personRecord(testDb.db, nwbc.id, ids.zoe!)).roles).toEqual(['admin']);
  });

  test('a membership term alone connects a person to the organization: found, with their term on the record; the other organization does not see them', async () => {
    await person('termOnly', 'Ingrid Termholder', 'ingrid.t@example.org');
    const [type] = await testDb.db.insert(membershipTypes).values({ organizationId: abs.id, key: 'regular', name: 'Regular', dues: { USD: 15000 } }).returning();
    await testDb.db.insert(membershipTerms).values([
      { organizationId: abs.id, typeId: type!.id, userId: ids.termOnly!, email: 'ingrid.t@example.org', name: 'Ingrid Termholder', status: 'active', source: 'online', startsOn: '2026-01-01', endsOn: '2026-12-31', duesMinor: 15000, currency: 'USD' },
      // A term whose checkout closed unpaid: connected, but not on the record as a membership.
      { organizationId: abs.id, typeId: type!.id, userId: ids.termOnly!, email: 'ingrid.t@example.org', name: 'Ingrid Termholder', status: 'void', source: 'online', startsOn: '2027-01-01', endsOn: '2027-12-31', duesMinor: 15000, currency: 'USD' },
    ]);
    const outcome = await searchPeople(testDb.db, abs.id, 'ingrid');
    expect(outcome.ok && outcome.hits.map((h) => [h.name, h.organizations, h.memberUntil])).toEqual([['Ingrid Termholder', ['abs-search'], '2026-12-31']]);
    expect(await names(nwbc.id, 'ingrid')).toEqual([]);
    const everywhere = await searchPeople(testDb.db, null, 'ingrid');
    expect(everywhere.ok && everywhere.hits.map((h) => h.organizations)).toEqual([['abs-search']]);
    const record = await personRecord(testDb.db, abs.id, ids.termOnly!);
    expect(record.memberships).toEqual([{ type: 'Regular', validFrom: '2026-01-01', validTo: '2026-12-31', source: 'online', status: 'active' }]);
    await expect(personRecord(testDb.db, nwbc.id, ids.termOnly!)).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
  });

  test('the membership-term probe uses the (user_id, organization_id) index', async () => {
    const plan = await testDb.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute<{ 'QUERY PLAN': string }>(sql`explain select 1 from membership_terms x where x.user_id = ${ids.zoe!} and x.organization_id = ${abs.id}`);
      return result.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('membership_terms_user_org');
  });
});
