// npm run bench:scale [-- --json] [--quick] [--people 200000] [--queries 400]
// (`npm run bench:people-search` is the same benchmark.)
// Balint Hub beyond any society's size. The measure that matters at scale is the one search
// for people (issue 18; its target: p99 under 100 ms at 200,000 people): a fresh embedded
// PostgreSQL with every migration, 200,000 people (names with and without accents, from 60
// first names and 120 family names, so common words match thousands), nine in ten connected
// to one organization (a role, a membership or a donation), the rest to another. Then the
// staff search of that organization and the operator's search across all, as
// domain/people/search-people.server.ts runs them, for a mix of queries: part of a family name
// typed without its accent, a full email, two words, a 2-character prefix, a common first name,
// and a miss.
// Checks (exit 1 when wrong): every hit contains every query word (accents and case folded),
// every staff hit is connected to the organization, and a query for a known person finds them.
// Prints p50/p95/p99/max per kind of query and whether the p99 target was met; never passes or
// fails on time (a loaded machine is slow, not wrong).
// `--quick` (a step of `npm test`): 20,000 people, 120 queries.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { connect } from '../db/client.server.ts';
import { startEmbeddedPostgres } from '../db/embedded.server.ts';
import { migrateDatabase } from '../db/migrate.server.ts';
import { searchPeople } from '../domain/people/search-people.server.ts';
import { percentile } from './lib/registration-load.ts';
import { giveUpAfter } from './lib/setup.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    people: { type: 'string' },
    queries: { type: 'string' },
  },
});
const QUICK = values.quick;
const PEOPLE = Number(values.people ?? (QUICK ? 20_000 : 200_000));
const QUERIES = Number(values.queries ?? (QUICK ? 120 : 400));
const giveUp = giveUpAfter('bench:scale', QUICK ? 300_000 : 900_000);
const say = (line: string) => {
  if (!values.json) process.stdout.write(`${line}\n`);
};

const FIRST = [
  'Zoë', 'Renée', 'José', 'Tomás', 'Ana', 'María', 'Søren', 'Björn', 'Chloé', 'Noël', 'Anaïs', 'Jürgen', 'Ines', 'Łucja', 'Ömer', 'Priya', 'Grace', 'Hannah', 'Diego', 'Walter',
  'Adaeze', 'Kenji', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'James', 'Isabella', 'Lucas', 'Mia', 'Mateo', 'Amelia', 'Leo', 'Harper', 'Ezra', 'Evelyn', 'Asher',
  'Aroha', 'Kwame', 'Fatima', 'Yusuf', 'Mei', 'Arjun', 'Sven', 'Ingrid', 'Pál', 'Réka', 'Dóra', 'Ágnes', 'Ciarán', 'Siobhán', 'Eoin', 'Niamh', 'Zeynep', 'Çağla', 'Ayşe', 'Kateřina',
];
const LAST = [
  'Łukasiewicz', 'Dubois', 'Núñez', 'Lindqvist', 'Álvarez', 'Müller', 'Østergaard', 'Kowalczyk', 'Okafor', 'Brandt', 'Whitfield', 'Raman', 'García', 'Martínez', 'Rodríguez', 'López',
  'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Rivera', 'Gómez', 'Díaz', 'Cruz', 'Morales', 'Ortiz', 'Gutiérrez', 'Chávez', 'Ramos', 'Ruiz', 'Hernández', 'Jiménez',
  'Moreno', 'Álvares', 'Castillo', 'Vásquez', 'Romero', 'Herrera', 'Medina', 'Aguilar', 'Vargas', 'Guzmán', 'Méndez', 'Salazar', 'Soto', 'Delgado', 'Peña', 'Ríos', 'Smith', 'Johnson',
  'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis',
  'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Phillips',
  'Evans', 'Turner', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan', 'Cooper', 'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Cox',
  'Ward', 'Richardson', 'Watson', 'Brooks', 'Wood', 'James', 'Bennett', 'Gray', 'Hughes', 'Price', 'Sanders', 'Myers', 'Long', 'Ross',
];

const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/ø/g, 'o').replace(/Ø/g, 'O').replace(/ı/g, 'i').toLowerCase();

type Kind = 'family name, no accent' | 'full email' | 'two words' | '2-character prefix' | 'common first name' | 'miss';

function nameOf(i: number): string {
  return `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
}
function emailOf(i: number): string {
  return `${fold(nameOf(i)).replace(/[^a-z]+/g, '.')}.${i}@example.org`;
}

function queryFor(kind: Kind, i: number): string {
  const name = nameOf(i);
  const [first, last] = name.split(' ') as [string, string];
  switch (kind) {
    case 'family name, no accent':
      return fold(last).slice(0, Math.max(4, last.length - 2));
    case 'full email':
      return emailOf(i);
    case 'two words':
      return `${fold(first).slice(0, 3)} ${fold(last).slice(0, 4)}`;
    case '2-character prefix':
      return fold(last).slice(0, 2);
    case 'common first name':
      return first;
    case 'miss':
      return `zzq${i}x`;
  }
}

const KINDS: Kind[] = ['family name, no accent', 'full email', 'two words', '2-character prefix', 'common first name', 'miss'];

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-people-'));
  const server = await startEmbeddedPostgres({ dataDir, lock: false });
  giveUp.onGiveUp(async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const database = connect(server.url, { max: 4, applicationName: 'bench-scale' });
  let failures = 0;
  try {
    await migrateDatabase(database.pool);
    const db = database.db;
    const t0 = performance.now();
    const [orgA] = (await db.execute<{ id: string }>(sql`insert into organizations (slug, name, short_name, kind) values ('society', 'Society', 'S', 'national_society') returning id`)).rows;
    const [orgB] = (await db.execute<{ id: string }>(sql`insert into organizations (slug, name, short_name, kind) values ('circle', 'Circle', 'C', 'regional_circle') returning id`)).rows;
    // People in batches of 20,000, generated in the database from the two name lists.
    for (let from = 0; from < PEOPLE; from += 20_000) {
      const to = Math.min(PEOPLE, from + 20_000) - 1;
      const rows = Array.from({ length: to - from + 1 }, (_, k) => from + k);
      // One text parameter per column (drizzle would spread a JS array into a parameter list).
      await db.execute(sql`insert into users (id, name, email, email_verified)
        select 'u' || (${from}::int + t.n - 1), t.name, t.email, true
        from unnest(string_to_array(${rows.map(nameOf).join('\n')}, E'\n'), string_to_array(${rows.map(emailOf).join('\n')}, E'\n')) with ordinality as t(name, email, n)`);
    }
    // Nine in ten belong to the society (a third each by role, membership, donation), the rest to the circle.
    await db.execute(sql`insert into organization_roles (organization_id, user_id, role)
      select case when i % 10 = 9 then ${orgB!.id}::uuid else ${orgA!.id}::uuid end, 'u' || i, 'member' from generate_series(0, ${PEOPLE - 1}) i where i % 3 = 0 or i % 10 = 9`);
    await db.execute(sql`insert into memberships (organization_id, user_id, email, name, valid_from, valid_to)
      select ${orgA!.id}::uuid, u.id, u.email, u.name, '2026-01-01', '2026-12-31' from users u where (substr(u.id, 2)::int) % 3 = 1 and (substr(u.id, 2)::int) % 10 <> 9`);
    await db.execute(sql`insert into donations (organization_id, user_id, name, email, amount_minor, currency)
      select ${orgA!.id}::uuid, u.id, u.name, u.email, 2500, 'USD' from users u where (substr(u.id, 2)::int) % 3 = 2 and (substr(u.id, 2)::int) % 10 <> 9`);
    await db.execute(sql`analyze`);
    say(`bench:scale, people search — ${PEOPLE.toLocaleString('en-US')} people (${QUICK ? 'quick' : 'full'}), ${QUERIES} queries per search; setup ${((performance.now() - t0) / 1000).toFixed(1)} s; load ${os.loadavg()[0]!.toFixed(1)}`);

    const results: { scope: string; kind: Kind; ms: number; hits: number }[] = [];
    for (const scope of ['staff', 'operator'] as const) {
      for (let q = 0; q < QUERIES; q++) {
        const kind = KINDS[q % KINDS.length]!;
        const person = (q * 7919) % PEOPLE;
        const query = queryFor(kind, person);
        const started = performance.now();
        const outcome = await searchPeople(db, scope === 'staff' ? orgA!.id : null, query);
        const ms = performance.now() - started;
        if (!outcome.ok) {
          failures++;
          say(`  WRONG: "${query}" refused (${outcome.problem})`);
          continue;
        }
        results.push({ scope, kind, ms, hits: outcome.hits.length });
        // Correctness: every word in every hit; staff only see their organization; the email query finds its person.
        const words = fold(query).split(' ');
        for (const hit of outcome.hits) {
          const text = fold(`${hit.name} ${hit.email}`);
          if (!words.every((w) => text.includes(w))) {
            failures++;
            say(`  WRONG: "${query}" matched ${hit.name} <${hit.email}>`);
          }
          if (scope === 'staff' && !hit.organizations.includes('society')) failures++;
        }
        const inSociety = person % 10 !== 9;
        if (kind === 'full email' && (scope === 'operator' || inSociety) && !outcome.hits.some((h) => h.email === emailOf(person))) {
          failures++;
          say(`  WRONG: "${query}" did not find its person`);
        }
        if (kind === 'full email' && scope === 'staff' && !inSociety && outcome.hits.length > 0) {
          failures++;
          say(`  WRONG: staff found the circle's ${query}`);
        }
      }
    }
    say('| search | query | p50 ms | p95 ms | p99 ms | max ms | hits (mean) |');
    say('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
    const figures: Record<string, unknown>[] = [];
    for (const scope of ['staff', 'operator']) {
      for (const kind of [...KINDS, 'all' as const]) {
        const some = results.filter((r) => r.scope === scope && (kind === 'all' || r.kind === kind));
        const ms = some.map((r) => r.ms).sort((a, b) => a - b);
        const row = { scope, kind, p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), max: ms.at(-1) ?? 0, hits: some.reduce((s, r) => s + r.hits, 0) / Math.max(1, some.length) };
        figures.push(row);
        say(`| ${scope} | ${kind} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.max.toFixed(1)} | ${row.hits.toFixed(1)} |`);
      }
    }
    const TARGET_P99_MS = 100;
    for (const scope of ['staff', 'operator']) {
      const all = figures.find((f) => f.scope === scope && f.kind === 'all') as { p99: number } | undefined;
      if (all) say(`${scope} search p99 ${all.p99.toFixed(1)} ms at ${PEOPLE.toLocaleString('en-US')} people: target p99 < ${TARGET_P99_MS} ms ${all.p99 < TARGET_P99_MS ? 'met' : 'NOT met'} (load ${os.loadavg()[0]!.toFixed(1)})`);
    }
    if (values.json) process.stdout.write(`${JSON.stringify({ people: PEOPLE, queries: QUERIES, load: os.loadavg()[0], figures, failures })}\n`);
    say(failures === 0 ? 'checks: every hit matches every word; staff see only their organization; emails find their person — all held' : `checks: ${failures} WRONG`);
  } finally {
    await database.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(failures === 0 ? 0 : 1);
}

await main();
