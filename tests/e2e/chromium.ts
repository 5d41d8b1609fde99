import fs from 'node:fs';

/** Debian's Chromium (or CHROMIUM_PATH); Playwright's own browser download is not used. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      `No Chromium found (looked at ${candidates.join(', ')}). Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  return found;
}
