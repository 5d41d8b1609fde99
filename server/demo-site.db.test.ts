import sharp from 'sharp';
import { expect, test } from 'vitest';
import { findSiteLook } from '#domain/content/site-settings.server.ts';
import { getSiteImage } from '#domain/content/find-images.server.ts';
import { createOrganization } from '../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../tests/helpers/test-database.ts';
import { seedDemoSiteLook } from './demo-site.server.ts';

const testDb = useTestDatabase();

test('the demo organizations get a 64×64 favicon and a theme colour each', async () => {
  const abs = await createOrganization(testDb.db);
  const nwbc = await createOrganization(testDb.db);
  await seedDemoSiteLook(testDb.db, { abs: abs.id, nwbc: nwbc.id });
  const look = await findSiteLook(testDb.db, nwbc);
  expect(look.themeColor).toBe('#2f6b3a');
  const [id] = look.faviconPath!.split('/').pop()!.split('.');
  const image = await getSiteImage(testDb.db, nwbc.id, id!, 'png');
  expect(await sharp(image.bytes).metadata()).toMatchObject({ format: 'png', width: 64, height: 64 });
  expect((await findSiteLook(testDb.db, abs)).faviconPath).toMatch(new RegExp(`^/o/${abs.slug}/media/`));
});
