// What every benchmark does before it measures: a production build that matches the source,
// and a time limit so a stuck run on a shared machine ends.
// The freshness check is shared with `npm start` (server/build.ts).
export { ensureBuild } from '../../server/build.ts';

/**
 * Ends the process with exit code 2 if the benchmark runs longer than `ms`. Before it does, the
 * cleanups given to `onGiveUp` run, newest first (the app before its database), for at most
 * 20 s: a run that gives up must not leave its app or its PostgreSQL running.
 */
export function giveUpAfter(name: string, ms: number): { onGiveUp(cleanup: () => unknown): void } {
  const cleanups: (() => unknown)[] = [];
  const timer = setTimeout(() => {
    process.stderr.write(`${name} took longer than ${Math.round(ms / 1000)} s; giving up.\n`);
    process.exitCode = 2;
    // Connections the cleanup tears down fail in the middle of the run's work: expected now.
    process.on('uncaughtException', () => undefined);
    process.on('unhandledRejection', () => undefined);
    setTimeout(() => process.exit(2), 20_000);
    void (async () => {
      for (const cleanup of cleanups.reverse()) await Promise.resolve().then(cleanup).catch(() => undefined);
      process.exit(2);
    })();
  }, ms);
  timer.unref();
  return {
    onGiveUp(cleanup) {
      cleanups.push(cleanup);
    },
  };
}
