// What every benchmark does before it measures: a production build that matches the source,
// and a time limit so a stuck run on a shared machine ends.
// The freshness check is shared with `npm start` (server/build.ts).
export { ensureBuild } from '../../server/build.ts';

/** Ends the process with exit code 2 if the benchmark runs longer than `ms`. */
export function giveUpAfter(name: string, ms: number): void {
  const timer = setTimeout(() => {
    process.stderr.write(`${name} took longer than ${Math.round(ms / 60_000)} minutes; giving up.\n`);
    process.exit(2);
  }, ms);
  timer.unref();
}
