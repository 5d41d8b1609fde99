// The demo sites' look (issue 14): each organization's favicon (a monogram drawn here and
// uploaded through the admin's own use case, so it is cut and stored as any upload) and theme colour.
import sharp from 'sharp';
import type { DbOrTx } from '#db/client.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { saveSiteLook } from '#domain/content/site-settings.server.ts';

const monogram = (letter: string, color: string) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="${color}"/><text x="32" y="45" font-family="DejaVu Sans, sans-serif" font-size="38" font-weight="bold" fill="#fff" text-anchor="middle">${letter}</text></svg>`,
  );

export async function seedDemoSiteLook(db: DbOrTx, organizations: { abs: string; nwbc: string }): Promise<void> {
  for (const [organizationId, letter, color] of [
    [organizations.abs, 'A', '#1f4e79'],
    [organizations.nwbc, 'N', '#2f6b3a'],
  ] as const) {
    const png = await sharp(monogram(letter, color)).png().toBuffer();
    const saved = await saveSiteLook(db, systemActor, { organizationId, themeColor: color, favicon: new Uint8Array(png) });
    if (!saved.ok) throw new Error(`demo favicon refused: ${JSON.stringify(saved.errors)}`);
  }
}
