// A course message sender in its own process, for the kill-and-restart test
// (domain/messages/send-course-message.db.test.ts): it runs the sending job's batches against
// the database at argv[2] until nobody is left, pausing after each recipient written (inside the
// batch's transaction) for argv[3] milliseconds, so the test can SIGKILL it halfway. Prints
// "committed <n>" after each batch commits.
import { connect } from '../../db/client.server.ts';
import { sendNextBatch } from '../../domain/messages/send-batch.server.ts';

const [url, pauseArg, batchArg] = process.argv.slice(2);
if (!url) throw new Error('usage: course-message-sender.ts <database-url> [pause-ms] [batch-size]');
const pauseMs = Number(pauseArg ?? 0);
const database = connect(url, { max: 2, applicationName: 'course-message-sender' });
for (;;) {
  const ids = await sendNextBatch(database.db, {
    publicUrl: 'http://hub.test',
    perMinute: 100_000,
    batchSize: Number(batchArg ?? 50),
    afterRecipient: pauseMs > 0 ? () => new Promise((resolve) => setTimeout(resolve, pauseMs)) : undefined,
  });
  if (ids.length === 0) break;
  process.stdout.write(`committed ${ids.length}\n`);
}
await database.close();
