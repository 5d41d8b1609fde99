import { GroupingError } from './errors.ts';
import { emptyRules, type GroupingProblem } from './problem.ts';

// MDGPLIB text format: `n m ss|ds a_1 b_1 … a_m b_m`, then `i j d_ij` lines (0-based, i < j).
// Some copies break the header across lines, so the file is read as one token stream.
export function parseMdgplib(text: string): GroupingProblem {
  const tokens = text.split(/\s+/).filter((t) => t.length > 0);
  let at = 0;
  const int = (what: string): number => {
    const t = tokens[at++];
    const v = Number(t);
    if (t === undefined || !Number.isInteger(v)) throw new GroupingError('INSTANCE_FORMAT', `expected ${what}, found ${t ?? 'end of file'}`);
    return v;
  };
  const n = int('n');
  const m = int('m');
  const kind = tokens[at++];
  if (kind !== 'ss' && kind !== 'ds') throw new GroupingError('INSTANCE_FORMAT', `expected ss or ds, found ${kind}`);
  if (n < 1 || m < 1) throw new GroupingError('INSTANCE_VALUE', `n=${n}, m=${m}`);
  const minSize = new Int32Array(m);
  const maxSize = new Int32Array(m);
  for (let g = 0; g < m; g++) {
    minSize[g] = int(`a_${g}`);
    maxSize[g] = int(`b_${g}`);
  }
  const diversity = new Float64Array(n * n);
  while (at < tokens.length) {
    const i = int('i');
    const j = int('j');
    const t = tokens[at++];
    const v = Number(t);
    if (t === undefined || !Number.isFinite(v)) throw new GroupingError('INSTANCE_FORMAT', `bad distance for ${i} ${j}: ${t}`);
    if (i < 0 || j < 0 || i >= n || j >= n || i === j) throw new GroupingError('INSTANCE_VALUE', `pair ${i} ${j} outside 0…${n - 1}`);
    diversity[i * n + j] = v;
    diversity[j * n + i] = v;
  }
  return { n, m, minSize, maxSize, diversity, rules: emptyRules() };
}

/** MDGPLIB files hold nothing but `n m ss|ds`; JSON files start with `{`. */
export function looksLikeMdgplib(text: string): boolean {
  return /^\s*\d+\s+\d+\s+(ss|ds)\b/.test(text);
}
