import { GroupingError } from './errors.ts';

// Pairwise diversity from people's attributes: each attribute adds its weight times how
// different two people are on it. A value that was not recorded (gender is optional) adds
// nothing rather than counting as "different".
export type AttributeSpec = {
  name: string;
  /** categorical: same or different; numeric: |x − y| / (max − min) over the course. */
  type: 'categorical' | 'numeric';
  weight: number;
};

export type AttributeValue = string | number | null | undefined;
export type PersonAttributes = Record<string, AttributeValue>;

export function computeDiversity(people: PersonAttributes[], specs: AttributeSpec[]): Float64Array {
  const n = people.length;
  const d = new Float64Array(n * n);
  for (const spec of specs) {
    if (!(spec.weight >= 0)) throw new GroupingError('INSTANCE_VALUE', `attribute ${spec.name}: weight must be ≥ 0`);
    if (spec.weight === 0) continue;
    const values = people.map((p) => p[spec.name]);
    if (spec.type === 'numeric') addNumeric(d, n, spec, values);
    else addCategorical(d, n, spec, values);
  }
  return d;
}

function addCategorical(d: Float64Array, n: number, spec: AttributeSpec, values: AttributeValue[]): void {
  for (let i = 0; i < n; i++) {
    const a = values[i];
    if (a === null || a === undefined || a === '') continue;
    for (let j = i + 1; j < n; j++) {
      const b = values[j];
      if (b === null || b === undefined || b === '' || b === a) continue;
      d[i * n + j]! += spec.weight;
      d[j * n + i]! += spec.weight;
    }
  }
}

function addNumeric(d: Float64Array, n: number, spec: AttributeSpec, values: AttributeValue[]): void {
  const nums = values.map((v) => (v === null || v === undefined || v === '' ? null : Number(v)));
  const present = nums.filter((v): v is number => v !== null);
  if (present.some((v) => !Number.isFinite(v))) {
    throw new GroupingError('INSTANCE_VALUE', `attribute ${spec.name} is numeric but has a non-number value`);
  }
  if (present.length < 2) return;
  const range = Math.max(...present) - Math.min(...present);
  if (range === 0) return;
  for (let i = 0; i < n; i++) {
    const a = nums[i];
    if (a === null || a === undefined) continue;
    for (let j = i + 1; j < n; j++) {
      const b = nums[j];
      if (b === null || b === undefined) continue;
      const v = (spec.weight * Math.abs(a - b)) / range;
      d[i * n + j]! += v;
      d[j * n + i]! += v;
    }
  }
}
