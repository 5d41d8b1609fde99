// npm run admin:create -- <email> [--org <slug>] [--org-name "<name>"] [--name "<person>"]
// Makes <email> an administrator of an organization. Creates the account (verified, with a
// random password printed once) when it does not exist, and the organization when --org-name
// is given for a slug that does not exist yet.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { appointAdministrator } from '#domain/accounts/appoint-administrator.server.ts';
import { randomPassword } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { withDatabase } from './run-cli.ts';

const usage = 'usage: npm run admin:create -- <email> [--org <slug>] [--org-name "<organization name>"] [--name "<person name>"]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { org: { type: 'string' }, 'org-name': { type: 'string' }, name: { type: 'string' } },
});
const email = z.email().safeParse(positionals[0]?.trim().toLowerCase());
if (!email.success) {
  process.stderr.write(`A valid email address is required.\n${usage}\n`);
  process.exit(2);
}
if (values.org !== undefined && !/^[a-z0-9][a-z0-9-]{1,40}$/.test(values.org)) {
  process.stderr.write(`--org must be a short slug of lowercase letters, digits and dashes.\n${usage}\n`);
  process.exit(2);
}

const password = randomPassword();
const outcome = await withDatabase('admin-create', async ({ db }) =>
  appointAdministrator(
    db,
    { email: email.data, name: values.name ?? email.data.split('@')[0]!, password, organizationSlug: values.org, organizationName: values['org-name'] },
    systemActor,
  ),
);

if (!outcome.ok) {
  const known = outcome.organizationSlugs.join(', ') || 'none yet';
  process.stderr.write(`Name the organization with --org <slug> (organizations: ${known}); add --org-name "<name>" to create a new one.\n`);
  process.exit(1);
}
process.stdout.write(
  outcome.created
    ? `${email.data} is now an administrator of ${outcome.organizationSlug}.\nPassword (shown once): ${password}\n`
    : `${email.data} (an existing account, password unchanged) is now an administrator of ${outcome.organizationSlug}.\n`,
);
