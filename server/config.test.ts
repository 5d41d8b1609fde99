import { describe, expect, test } from 'vitest';
import { ConfigError, parseConfig } from './config.server.ts';

describe('parseConfig', () => {
  test('defaults: port 3000, ./data, embedded database, jobs in process', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', JOBS_IN_PROCESS: true, SEED_DEMO: false, INQUIRY_MIN_FILL_SECONDS: 3, INQUIRIES_PER_ADDRESS_PER_HOUR: 10 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
  });

  test('PORT and DATA_DIR override the defaults; empty optional values count as unset', () => {
    const config = parseConfig({ PORT: '8080', DATA_DIR: '/srv/balint', DATABASE_URL: '', SMTP_URL: '' });
    expect(config).toMatchObject({ PORT: 8080, dataDir: '/srv/balint' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
  });

  test('card payments are on only with both Stripe secrets; a data key must be 32 bytes', () => {
    expect(parseConfig({}).STRIPE_SECRET_KEY).toBeUndefined();
    const config = parseConfig({ STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_xyz', DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') });
    expect(config).toMatchObject({ STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_xyz' });
  });

  test('TRUST_PROXY: empty by default (no forwarded header is believed), else a list of addresses and ranges', () => {
    expect(parseConfig({}).TRUST_PROXY).toEqual([]);
    expect(parseConfig({ TRUST_PROXY: ' 10.0.0.1, 10.1.0.0/16 ,::1,fd00::/8' }).TRUST_PROXY).toEqual(['10.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8']);
  });

  test.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ TRUST_PROXY: '10.0.0.1,hunter2' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://u:hunter2@h/db' }, 'DATABASE_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ AUTH_SECRET: 'too-short' }, 'AUTH_SECRET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO'],
    [{ STRIPE_SECRET_KEY: 'hunter2' }, 'STRIPE_SECRET_KEY'],
    [{ STRIPE_SECRET_KEY: 'sk_test_hunter2' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'hunter2' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ STRIPE_API_URL: 'ftp://hunter2' }, 'STRIPE_API_URL'],
    [{ DATA_ENCRYPTION_KEY: 'aHVudGVyMg==' }, 'DATA_ENCRYPTION_KEY'],
    [{ INQUIRY_MIN_FILL_SECONDS: '-1' }, 'INQUIRY_MIN_FILL_SECONDS'],
    [{ INQUIRIES_PER_ADDRESS_PER_HOUR: 'many' }, 'INQUIRIES_PER_ADDRESS_PER_HOUR'],
    [{ BACKUP_PASSPHRASE: 'hunter2' }, 'BACKUP_PASSPHRASE'],
    [{ BACKUP_DIR: '/srv/hunter2' }, 'BACKUP_PASSPHRASE'],
    [{ BACKUP_KEEP: '0' }, 'BACKUP_KEEP'],
    [{ BACKUP_SCHEDULE: 'hunter2' }, 'BACKUP_SCHEDULE'],
  ])('%j is refused with a message naming %s and not echoing the value', (env, name) => {
    try {
      parseConfig(env);
      expect.unreachable('parseConfig accepted a bad value');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.some((i) => i.startsWith(`${name}:`))).toBe(true);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
