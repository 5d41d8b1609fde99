// Admission control for applications, per course and per process. Correctness never depends
// on it — the course row lock in PostgreSQL decides every place, whatever the number of
// processes — but letting hundreds of requests queue *inside* PostgreSQL on that one row lock
// costs twice: each waiter holds a pool connection, and every commit wakes all waiters. So a
// process sends at most a few applications per course to the database at a time and parks the
// rest in memory, in arrival order. See docs/decisions/0030-registration-api.md.

const queues = new Map<string, { active: number; waiting: (() => void)[] }>();

/** How many applications to one course a process lets into PostgreSQL at once. */
export const APPLICATIONS_IN_FLIGHT_PER_COURSE = 2;

export async function admit<T>(key: string, work: () => Promise<T>, limit = APPLICATIONS_IN_FLIGHT_PER_COURSE): Promise<T> {
  let queue = queues.get(key);
  if (!queue) {
    queue = { active: 0, waiting: [] };
    queues.set(key, queue);
  }
  if (queue.active >= limit) await new Promise<void>((resolve) => queue.waiting.push(resolve));
  else queue.active++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line (active stays the same), or free it.
    const next = queue.waiting.shift();
    if (next) next();
    else if (--queue.active === 0) queues.delete(key);
  }
}
