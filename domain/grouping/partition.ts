import type { GroupingProblem } from './problem.ts';

// One assignment together with the n×m contribution matrix that makes move evaluation O(1):
//   contrib[i*m + g] = Σ_{j in g, j≠i} d_ij + bonus[i][g]
// Insert i: g→h gains contrib[i,h] − contrib[i,g]; swap i∈g, j∈h gains
// contrib[i,h] − contrib[i,g] + contrib[j,g] − contrib[j,h] − 2·d_ij.
// Applying a move costs O(n): one column pair of the matrix changes per moved person.
export class Partition {
  readonly n: number;
  readonly m: number;
  readonly d: Float64Array;
  readonly group: Int32Array;
  readonly size: Int32Array;
  /** Members of group g at members[g*stride .. g*stride+size[g]); pos[i] is i's slot. */
  readonly members: Int32Array;
  readonly pos: Int32Array;
  readonly stride: number;
  readonly contrib: Float64Array;
  objective = 0;

  constructor(problem: GroupingProblem) {
    this.n = problem.n;
    this.m = problem.m;
    this.d = problem.diversity;
    this.group = new Int32Array(this.n);
    this.size = new Int32Array(this.m);
    let stride = 0;
    for (let g = 0; g < this.m; g++) stride = Math.max(stride, problem.maxSize[g]!);
    // +1: a swap passes through a state where one group holds one more than its maximum.
    this.stride = Math.min(stride + 1, this.n);
    this.members = new Int32Array(this.m * this.stride);
    this.pos = new Int32Array(this.n);
    this.contrib = new Float64Array(this.n * this.m);
  }

  /** Rebuild everything from an assignment: O(n² + n·m). */
  load(assignment: ArrayLike<number>, bonus: Float64Array | undefined): void {
    const { n, m, d, group, size, members, pos, contrib, stride } = this;
    size.fill(0);
    for (let i = 0; i < n; i++) {
      const g = assignment[i]!;
      group[i] = g;
      members[g * stride + size[g]!] = i;
      pos[i] = size[g]!;
      size[g]!++;
    }
    if (bonus) contrib.set(bonus);
    else contrib.fill(0);
    let obj = 0;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      const ci = i * m;
      for (let j = 0; j < n; j++) {
        if (j !== i) contrib[ci + group[j]!]! += d[row + j]!;
      }
    }
    for (let i = 0; i < n; i++) {
      const own = contrib[i * m + group[i]!]!;
      const b = bonus ? bonus[i * m + group[i]!]! : 0;
      // Each pair is counted from both ends; the bonus only once.
      obj += (own - b) / 2 + b;
    }
    this.objective = obj;
  }

  copyFrom(other: Partition): void {
    this.group.set(other.group);
    this.size.set(other.size);
    this.members.set(other.members);
    this.pos.set(other.pos);
    this.contrib.set(other.contrib);
    this.objective = other.objective;
  }

  insertDelta(i: number, h: number): number {
    const ci = i * this.m;
    return this.contrib[ci + h]! - this.contrib[ci + this.group[i]!]!;
  }

  swapDelta(i: number, j: number): number {
    const m = this.m;
    const g = this.group[i]!;
    const h = this.group[j]!;
    const c = this.contrib;
    return (
      c[i * m + h]! - c[i * m + g]! + c[j * m + g]! - c[j * m + h]! - 2 * this.d[i * this.n + j]!
    );
  }

  /** Move person i to group h (sizes are the caller's business). */
  move(i: number, h: number): void {
    const { n, m, d, group, size, members, pos, contrib, stride } = this;
    const g = group[i]!;
    if (g === h) return;
    this.objective += contrib[i * m + h]! - contrib[i * m + g]!;
    // Remove from g's member list by moving the last member into i's slot.
    const last = members[g * stride + size[g]! - 1]!;
    members[g * stride + pos[i]!] = last;
    pos[last] = pos[i]!;
    size[g]!--;
    members[h * stride + size[h]!] = i;
    pos[i] = size[h]!;
    size[h]!++;
    group[i] = h;
    const row = i * n;
    for (let k = 0, ck = 0; k < n; k++, ck += m) {
      const dik = d[row + k]!;
      contrib[ck + g]! -= dik;
      contrib[ck + h]! += dik;
    }
  }

  swap(i: number, j: number): void {
    const g = this.group[i]!;
    const h = this.group[j]!;
    this.move(i, h);
    this.move(j, g);
  }
}

/** Objective recomputed from scratch, independent of any incremental state. */
export function evaluateAssignment(problem: GroupingProblem, assignment: ArrayLike<number>): number {
  const { n, m, diversity: d, placementBonus } = problem;
  let obj = 0;
  for (let i = 0; i < n; i++) {
    const gi = assignment[i]!;
    for (let j = i + 1; j < n; j++) {
      if (assignment[j] === gi) obj += d[i * n + j]!;
    }
    if (placementBonus) obj += placementBonus[i * m + gi]!;
  }
  return obj;
}
