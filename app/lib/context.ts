// The services every loader and action receives through React Router's context. The
// context object is shared through globalThis because the server host and the built app
// are two module graphs; both must hold the same key.
import { createContext, type RouterContext } from 'react-router';
import type { Db } from '#db/client.server.ts';
import type { Auth } from '#lib/auth.server.ts';
import type { Logger } from '#lib/log.server.ts';
import type { JobQueue } from '#server/jobs.server.ts';

/** Card payments: present only when STRIPE_SECRET_KEY is set. */
export interface PaymentSettings {
  secretKey: string;
  webhookSecret: string;
  /** Stripe's API base URL; a local fake server in tests. */
  apiUrl: string | undefined;
}

export interface AppServices {
  db: Db;
  auth: Auth;
  jobs: JobQueue;
  log: Logger;
  requestId: string;
  clientAddress: string | null;
  publicUrl: string;
  smtpConfigured: boolean;
  /** Stripe settings, or null when card payments are off (invoices only). */
  payments: PaymentSettings | null;
  /** AES-256 key sealing financial-aid applications (lib/crypto/sealed.server.ts). */
  encryptionKey: Buffer;
}

const KEY = Symbol.for('balint-hub.app-context');
const registry = globalThis as unknown as Record<symbol, RouterContext<AppServices> | undefined>;
export const appContext: RouterContext<AppServices> = (registry[KEY] ??= createContext<AppServices>());
