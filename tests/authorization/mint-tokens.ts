// node tests/authorization/mint-tokens.ts <email>:<org> …   (with DATA_DIR of a running app)
// Mints a staff API token per person in one process: what `npm run api-token -- create` does
// for one, without starting Node and attaching to the database once per token. Prints one JSON
// line: [{ email, org, token }].
import { eq, sql } from 'drizzle-orm';
import { users } from '#db/schema/accounts.ts';
import { organizations } from '#db/schema/organizations.ts';
import { createApiToken } from '#server/api/tokens.server.ts';
import { withDatabase } from '#server/cli/run-cli.ts';

const wanted = process.argv.slice(2).map((arg) => {
  const [email, org] = arg.split(':');
  return { email: email!.toLowerCase(), org: org! };
});

const minted = await withDatabase('authorization-sweep', async ({ db }) => {
  const out: { email: string; org: string; token: string }[] = [];
  for (const { email, org } of wanted) {
    const [organization] = await db.select().from(organizations).where(eq(organizations.slug, org));
    const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email));
    if (!organization || !user) throw new Error(`no organization ${org} or no account ${email}`);
    const { token } = await createApiToken(db, { organizationId: organization.id, userId: user.id, name: 'authorization sweep' });
    out.push({ email, org, token });
  }
  return out;
});
process.stdout.write(`${JSON.stringify(minted)}\n`);
