// npm run grouping -- solve <file> --time-limit <seconds> --seed <n> [--iterations <n>] [--progress]
// Reads an MDGPLIB instance or a Balint Hub JSON file; prints progress (with --progress) to
// stderr and exactly one JSON object, the result, as the last line of stdout.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { breakdownGroups } from '../../domain/grouping/breakdown.ts';
import { GroupingError } from '../../domain/grouping/errors.ts';
import { parseGroupingJson, type ParsedInput } from '../../domain/grouping/json-format.ts';
import { looksLikeMdgplib, parseMdgplib } from '../../domain/grouping/mdgplib.ts';
import { reoptimize } from '../../domain/grouping/reoptimize.ts';
import { solve, type SolveOptions } from '../../domain/grouping/solve.ts';

const usage = 'usage: npm run grouping -- solve <file> --time-limit <seconds> [--seed <n>] [--iterations <n>] [--progress]';

function main(): number {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'time-limit': { type: 'string' },
      seed: { type: 'string', default: '1' },
      iterations: { type: 'string' },
      progress: { type: 'boolean', default: false },
    },
  });
  const [command, file] = positionals;
  if (command !== 'solve' || !file) {
    console.error(usage);
    return 64;
  }
  const timeLimit = values['time-limit'] === undefined ? undefined : Number(values['time-limit']);
  const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
  if ((timeLimit === undefined && iterations === undefined) || (timeLimit !== undefined && !(timeLimit > 0))) {
    console.error(usage);
    return 64;
  }
  const options: SolveOptions = {
    seed: Number(values.seed),
    ...(timeLimit !== undefined && { timeLimitMs: timeLimit * 1000 }),
    ...(iterations !== undefined && { maxIterations: iterations }),
    ...(values.progress && { onProgress: (e) => console.error(JSON.stringify({ progress: e })) }),
  };
  const text = readFileSync(file, 'utf8');
  let parsed: ParsedInput | null = null;
  const problem = looksLikeMdgplib(text) ? parseMdgplib(text) : (parsed = parseGroupingJson(text)).problem;
  const result =
    parsed?.previous ? reoptimize(problem, parsed.previous, parsed.input.moveGain ?? 0, options) : solve(problem, options);
  if (result.status !== 'feasible') {
    console.log(JSON.stringify(result));
    return 2;
  }
  const { assignment, objective, seconds, iterations: its, ...rest } = result;
  const extra = parsed
    ? {
        groups: breakdownGroups(problem, assignment, parsed.input.people.map((p) => p.attributes ?? {}), parsed.input.attributes ?? []),
        ...rest,
      }
    : { status: rest.status, stopReason: rest.stopReason };
  console.log(JSON.stringify({ objective, assignment, seconds, iterations: its, ...extra }));
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof GroupingError) {
    console.log(JSON.stringify({ status: 'error', code: error.code, message: error.message }));
    process.exitCode = 65;
  } else {
    throw error;
  }
}
