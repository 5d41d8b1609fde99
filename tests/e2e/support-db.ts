// The database of the app under test, for specs that need rows no page makes yet (a course's
// sessions and small groups, while the schedule and small-group pages are built). The global
// setup's data directory holds the embedded PostgreSQL's port and password; specs reach it the
// way `npm run admin:create` does when the app is running.
import path from 'node:path';
import { connect, type Database } from '../../db/client.server.ts';
import { attachToRunningEmbedded } from '../../db/embedded.server.ts';
import { ACCOUNTS_FILE_ENV } from './global-setup.ts';

export function appDatabase(): Database {
  const file = process.env[ACCOUNTS_FILE_ENV];
  if (!file) throw new Error('the global setup has not run');
  const url = attachToRunningEmbedded(path.dirname(file));
  if (!url) throw new Error(`no running app holds ${path.dirname(file)}`);
  return connect(url, { max: 2, applicationName: 'balint-e2e-setup' });
}
