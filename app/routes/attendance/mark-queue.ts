// The browser's queue of attendance marks not yet acknowledged by the server, in IndexedDB so
// it survives a reload, a closed tab or a phone that sleeps while the venue's network is down.
// Each mark keeps the id it was given when it was made: sending it twice is harmless.
import type { MarkInput } from '#domain/attendance/marks.ts';

const DB_NAME = 'balint-attendance';
const STORE = 'marks';

export interface QueuedMark extends MarkInput {
  /** The organization whose sync endpoint takes it. */
  org: string;
  /** Who made it: only they send it (a shared phone signed in as someone else leaves it waiting). */
  userId: string;
  /** Shown beside the pending mark and in messages about it. */
  name: string;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await open();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export async function enqueue(mark: QueuedMark): Promise<void> {
  await run('readwrite', (store) => store.put(mark));
}

export async function queued(org: string, userId: string): Promise<QueuedMark[]> {
  const all = ((await run<QueuedMark[]>('readonly', (store) => store.getAll() as IDBRequest<QueuedMark[]>)) ?? []).filter((m) => m.org === org && m.userId === userId);
  // Oldest first, as they were made.
  return all.sort((a, b) => a.markedAt.localeCompare(b.markedAt) || a.id.localeCompare(b.id));
}

export async function remove(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await run('readwrite', (store) => {
    for (const id of ids) store.delete(id);
  });
}

/** This browser's device id (sent with each batch, kept with each mark for the record). */
export function deviceId(): string {
  try {
    const existing = localStorage.getItem('balint-attendance-device');
    if (existing) return existing;
    const id = crypto.randomUUID();
    localStorage.setItem('balint-attendance-device', id);
    return id;
  } catch {
    return '';
  }
}
