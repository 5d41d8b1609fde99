// Every environment variable Balint Hub reads, parsed once at start. A bad value stops the
// process with a message naming the variable; secrets are never echoed back.
import path from 'node:path';
import { z } from 'zod';
import { invalidProxyEntries, splitProxyList } from './client-address.server.ts';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine(
      (v) => v === undefined || protocols.some((p) => v.startsWith(`${p}:`)),
      `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    );

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: optionalUrl(['http', 'https']),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SEED_DEMO: booleanFlag,
  SMTP_URL: optionalUrl(['smtp', 'smtps']),
  MAIL_FROM: z.string().min(3).default('Balint Hub <no-reply@balinthub.localhost>'),
  AUTH_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JOBS_IN_PROCESS: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Card payments through Stripe Checkout: off unless set. Starting the app never calls Stripe. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, 'must be a Stripe secret key (sk_test_…, sk_live_…)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]+$/, 'must be a Stripe webhook signing secret (whsec_…)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Where Stripe's API is (tests and local development point it at a fake server). */
  STRIPE_API_URL: optionalUrl(['http', 'https']),
  /** 32 bytes, base64: seals financial-aid applications. Generated into DATA_DIR when unset. */
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine((v) => v === '' || Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  /**
   * Addresses or CIDR ranges of the reverse proxies in front of the app, comma-separated. Only
   * a request from one of them has its X-Forwarded-For believed; empty: none is.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform(splitProxyList)
    .refine((entries) => invalidProxyEntries(entries).length === 0, 'must be a comma-separated list of IP addresses or CIDR ranges (10.0.0.1, 10.0.0.0/8, ::1)'),
  /** Applications one client address may send an hour, form and API together (ADR 0047); 0: no limit. */
  APPLICATIONS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(0).max(1_000_000).default(30),
  /** Seconds a person needs at least to fill an inquiry form (ADR 0060); a quicker one is refused. 0: no minimum. */
  INQUIRY_MIN_FILL_SECONDS: z.coerce.number().int().min(0).max(3600).default(3),
  /** Inquiries one client address may send an hour, across organizations (ADR 0060); 0: no limit. */
  INQUIRIES_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(0).max(1_000_000).default(10),
  /** Encrypts backups (`npm run backup`, the scheduled backup; ADR 0071). Never logged. */
  BACKUP_PASSPHRASE: z
    .string()
    .min(12, 'must be at least 12 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Folder of the scheduled backup; unset: no scheduled backup. Needs BACKUP_PASSPHRASE. */
  BACKUP_DIR: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  /** How many scheduled backups the folder keeps (the oldest beyond go). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
  /** When the scheduled backup runs (cron, the server's clock); daily at 02:15 by default. */
  BACKUP_SCHEDULE: z
    .string()
    .default('15 2 * * *')
    .refine((v) => /^(\S+\s+){4}\S+$/.test(v.trim()), 'must be a cron expression of five fields (minute hour day month weekday)'),
  /** Course message recipients handed to the outbox per minute, across the deployment (ADR 0067): the SMTP provider's limit. */
  COURSE_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
}).superRefine((env, ctx) => {
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'is required when STRIPE_SECRET_KEY is set' });
  }
  if (env.BACKUP_DIR && !env.BACKUP_PASSPHRASE) {
    ctx.addIssue({ code: 'custom', path: ['BACKUP_PASSPHRASE'], message: 'is required when BACKUP_DIR is set (scheduled backups are always encrypted)' });
  }
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

export class ConfigError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.issues = issues;
  }
}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    // Name the variable and the rule, never the value: it may be a secret.
    const issues = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(issues);
  }
  return { ...result.data, dataDir: path.resolve(result.data.DATA_DIR) };
}

/** For process entry points: a bad configuration stops the process with its message. */
export function parseConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`\nBalint Hub could not start:\n${error.message}\n\n`);
    process.exit(1);
  }
}
