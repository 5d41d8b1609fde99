// npm run admin:create -- <email> [--org <slug>] [--org-name "<name>"] [--name "<person>"]
// Makes <email> an administrator of an organization. Creates the account (verified, with a
// random password printed once) when it does not exist, and the organization when --org-name
// is given for a slug that does not exist yet.
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations } from '#db/schema/organizations.ts';
import { assignRole, createVerifiedAccount, randomPassword } from '#domain/accounts/create-account.server.ts';
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

const outcome = await withDatabase('admin-create', async ({ db }) =>
  db.transaction(async (tx) => {
    const all = await tx.select().from(organizations).orderBy(organizations.slug);
    let org = values.org ? all.find((o) => o.slug === values.org) : all.length === 1 ? all[0] : undefined;
    if (!org && values.org && values['org-name']) {
      [org] = await tx.insert(organizations).values({ slug: values.org, name: values['org-name'], shortName: values.org.toUpperCase(), kind: 'national_society' }).returning();
    }
    if (!org) {
      const known = all.map((o) => o.slug).join(', ') || 'none yet';
      return { error: `Name the organization with --org <slug> (organizations: ${known}); add --org-name "<name>" to create a new one.` };
    }
    const password = randomPassword();
    const name = values.name ?? email.data.split('@')[0]!;
    const account = await createVerifiedAccount(tx, { email: email.data, name, password }, systemActor);
    await assignRole(tx, { organizationId: org.id, userId: account.userId, role: 'admin' }, systemActor);
    const [check] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, org.id));
    return { org: check!.slug, created: account.created, password };
  }),
);

if ('error' in outcome) {
  process.stderr.write(`${outcome.error}\n`);
  process.exit(1);
}
process.stdout.write(
  outcome.created
    ? `${email.data} is now an administrator of ${outcome.org}.\nPassword (shown once): ${outcome.password}\n`
    : `${email.data} (an existing account, password unchanged) is now an administrator of ${outcome.org}.\n`,
);
