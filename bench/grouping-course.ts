// npm run bench:grouping-course [-- --quick] [--seed N] [--json]
// The grouping solver on courses as a director has them (issue 12): 40, 80 and 200 generated
// participants with the Balint hard rules — people of one institution apart, at most one
// co-leader candidate per group, a few people pinned by hand — built through the same input
// path as the app (domain/small-groups/grouping-input.ts). Reports the time to a first feasible
// assignment and the score at 1 s, 5 s and 30 s against the best found at 120 s.
// `--quick` (a step of `npm test`): the same courses at 0.2 s, 0.5 s and 1 s against 2 s.
// Every answer is re-checked: a broken hard rule, a misreported objective or a score that
// falls over time prints WRONG and exits 1. Timings are printed, never asserted.
import { parseArgs } from 'node:util';
import { toProblem } from '../domain/grouping/json-format.ts';
import { evaluateAssignment } from '../domain/grouping/partition.ts';
import { createRng } from '../domain/grouping/rng.ts';
import { solve } from '../domain/grouping/solve.ts';
import { findViolations } from '../domain/grouping/verify.ts';
import { buildGroupingInput, type GroupingParticipant } from '../domain/small-groups/grouping-input.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, seed: { type: 'string', default: '1' }, json: { type: 'boolean', default: false } } });
const QUICK = values.quick;
const SEED = Number(values.seed);
const CHECKPOINTS_MS = QUICK ? [200, 500, 1000] : [1000, 5000, 30_000];
const LIMIT_MS = QUICK ? 2000 : 120_000;
const SIZES = [40, 80, 200];

const PROFESSIONS = [
  ['Family medicine', 30],
  ['Family medicine resident', 15],
  ['Psychiatry', 10],
  ['Psychology', 12],
  ['Social work', 12],
  ['Nursing', 8],
  ['Internal medicine', 6],
  ['Pediatrics', 4],
  ['Chaplaincy', 2],
  ['Veterinary medicine', 1],
] as const;
const REGIONS = ['WA', 'OR', 'ID', 'MT', 'CA', 'CO', 'UT', 'AK', 'BC', 'TX', 'NY', 'MN'];
const EXPERIENCE = ['new', 'new', 'new', 'member', 'member', 'training', 'leader'];
const GENDERS = ['woman', 'woman', 'man', 'man', 'nonbinary', '', ''];

/** A course of n participants in round(n / 10) groups of 8–12, with its hard rules. */
function generateCourse(n: number, seed: number) {
  const rng = createRng(seed * 1000 + n);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng.next() * list.length)]!;
  const weighted = (): string => {
    const total = PROFESSIONS.reduce((s, [, w]) => s + w, 0);
    let r = rng.next() * total;
    for (const [name, w] of PROFESSIONS) if ((r -= w) < 0) return name;
    return PROFESSIONS[0][0];
  };
  const m = Math.round(n / 10);
  const groups = Array.from({ length: m }, (_, g) => ({ id: `g${g + 1}`, name: `Small group ${g + 1}` }));
  // Residencies and clinics send two to four people; the rest come alone. Never more than m.
  const institutions: string[] = [];
  let k = 0;
  while (institutions.length < n) {
    const size = rng.next() < 0.35 ? 2 + Math.floor(rng.next() * Math.min(3, m - 1)) : 1;
    for (let i = 0; i < size && institutions.length < n; i++) institutions.push(`Institution ${k}`);
    k++;
  }
  const candidates = Math.max(1, m - 1);
  const participants: GroupingParticipant[] = institutions.map((institution, i) => ({
    registrationId: `p${i}`,
    name: `Participant ${i}`,
    profession: weighted(),
    institution,
    region: pick(REGIONS),
    experience: pick(EXPERIENCE),
    gender: pick(GENDERS),
    coLeaderCandidate: i < candidates,
  }));
  // About 5 % placed by hand: people who come alone, spread over the groups.
  const pins = new Map<string, string>();
  const alone = participants.filter((p, i) => !p.coLeaderCandidate && institutions.filter((x) => x === p.institution).length === 1 && i % 3 === 0);
  alone.slice(0, Math.max(2, Math.round(n * 0.05))).forEach((p, i) => pins.set(p.registrationId, groups[i % m]!.id));
  const input = buildGroupingInput({
    participants,
    groups,
    minSize: 8,
    maxSize: 12,
    weights: { profession: 3, experience: 2, region: 1, gender: 1 },
    pins,
    coLeaderLabel: 'co-leader candidates',
    pinReason: 'placed by hand',
  });
  return { problem: toProblem(input).problem, m, apart: input.rules?.apartWhenSame?.length ?? 0, pins: pins.size, candidates };
}

type Row = {
  n: number;
  m: number;
  apartRules: number;
  pins: number;
  candidates: number;
  firstFeasibleMs: number;
  at: { ms: number; score: number; gapPercent: number }[];
  best: number;
  iterations: number;
};

const wrong: string[] = [];
const rows: Row[] = [];
for (const n of SIZES) {
  const { problem, m, pins, candidates } = generateCourse(n, SEED);
  const timeline: { ms: number; best: number }[] = [];
  const started = performance.now();
  let firstFeasibleMs = NaN;
  const result = solve(problem, {
    seed: SEED,
    timeLimitMs: LIMIT_MS,
    progressIntervalMs: 10,
    onProgress: (e) => {
      const ms = performance.now() - started;
      // The first report carries the first feasible assignment (the search only holds legal ones).
      if (Number.isNaN(firstFeasibleMs)) firstFeasibleMs = ms;
      if (Number.isFinite(e.bestObjective)) timeline.push({ ms, best: e.bestObjective });
    },
  });
  if (result.status !== 'feasible') {
    wrong.push(`n=${n}: ${result.status}: ${result.conflicts.map((c) => c.message).join('; ')}`);
    continue;
  }
  const violations = findViolations(problem, result.assignment);
  if (violations.length) wrong.push(`n=${n}: the answer breaks a hard rule: ${violations[0]!.message}`);
  const recomputed = evaluateAssignment(problem, result.assignment);
  if (Math.abs(recomputed - result.objective) > 1e-6 * Math.max(1, recomputed)) wrong.push(`n=${n}: reported ${result.objective}, recomputed ${recomputed}`);
  for (let i = 1; i < timeline.length; i++) if (timeline[i]!.best < timeline[i - 1]!.best - 1e-9) wrong.push(`n=${n}: the best-so-far fell at ${timeline[i]!.ms.toFixed(0)} ms`);
  if (Number.isNaN(firstFeasibleMs)) firstFeasibleMs = result.seconds * 1000;
  const best = result.objective;
  const at = CHECKPOINTS_MS.map((ms) => {
    const seen = timeline.filter((p) => p.ms <= ms).at(-1)?.best ?? NaN;
    return { ms, score: seen, gapPercent: ((best - seen) / best) * 100 };
  });
  for (const a of at) if (a.score > best + 1e-6) wrong.push(`n=${n}: score at ${a.ms} ms above the final best`);
  rows.push({ n, m, apartRules: problem.rules.apart.length, pins, candidates, firstFeasibleMs, at, best, iterations: result.iterations });
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const seconds = (ms: number) => `${ms / 1000} s`;
console.log(`grouping-course${QUICK ? ' (quick)' : ''}: seed ${SEED}, limit ${seconds(LIMIT_MS)}, groups of 8–12, weights profession 3, experience 2, region 1, gender 1`);
console.log('');
console.log(
  `| participants | groups | institutions apart | pinned | co-leader candidates | first feasible (ms) | ${CHECKPOINTS_MS.map((ms) => `score at ${seconds(ms)} (gap %)`).join(' | ')} | best at ${seconds(LIMIT_MS)} | iterations |`,
);
console.log(`|---:|---:|---:|---:|---:|---:|${CHECKPOINTS_MS.map(() => '---:|').join('')}---:|---:|`);
for (const r of rows) {
  console.log(
    `| ${r.n} | ${r.m} | ${r.apartRules} | ${r.pins} | ${r.candidates} | ${fmt(r.firstFeasibleMs)} | ${r.at.map((a) => `${fmt(a.score, 2)} (${fmt(Math.max(0, a.gapPercent), 2)})`).join(' | ')} | ${fmt(r.best, 2)} | ${r.iterations} |`,
  );
}
if (values.json) console.log(JSON.stringify(rows));
if (wrong.length) {
  for (const w of wrong) console.log(`WRONG ${w}`);
  process.exit(1);
}
console.log('\nevery answer feasible (institutions apart, one co-leader candidate per group, pins kept) with its objective recomputed');
