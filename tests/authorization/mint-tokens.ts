// node tests/authorization/mint-tokens.ts <email>:<org> …   (with DATA_DIR of a running app)
// Mints a staff API token per person in one process: what `npm run api-token -- create` does
// for one, without starting Node and attaching to the database once per token. Prints one JSON
// line: [{ email, org, token }].
import { issueApiTokenByEmail } from '#domain/api-tokens/issue-api-token.server.ts';
import { withDatabase } from '#server/cli/run-cli.ts';

const wanted = process.argv.slice(2).map((arg) => {
  const [email, org] = arg.split(':');
  return { email: email!.toLowerCase(), org: org! };
});

const minted = await withDatabase('authorization-sweep', async ({ db }) => {
  const out: { email: string; org: string; token: string }[] = [];
  for (const { email, org } of wanted) {
    const { token } = await issueApiTokenByEmail(db, { organizationSlug: org, email, name: 'authorization sweep' });
    out.push({ email, org, token });
  }
  return out;
});
process.stdout.write(`${JSON.stringify(minted)}\n`);
