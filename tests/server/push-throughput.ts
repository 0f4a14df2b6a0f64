// Push throughput over loopback HTTP, as ARCHITECTURE.md's budget states it: 10,000 queued
// mutations as 20 batches of 500, pushed and acknowledged. Not part of the test run:
//   npx tsx tests/server/push-throughput.ts            (SQLite; PostgreSQL too with TEST_DATABASE_URL)
import { cpus } from 'node:os';
import { createClub, memberData, newId, numbered, push, startServer, STORE_KINDS } from './harness';

const BATCHES = 20;
const BATCH_SIZE = 500;

for (const kind of STORE_KINDS) {
  const h = await startServer(kind, { now: () => new Date() });
  const chair = await createClub(h);
  const batches = Array.from({ length: BATCHES }, (_, b) =>
    numbered(
      chair,
      Array.from({ length: BATCH_SIZE }, (_, i) => ({
        id: newId(),
        data: memberData(chair.clubId, { fullName: `Hội viên ${b * BATCH_SIZE + i + 1}`, phone: '0912345678' }),
      })),
    ),
  );
  const started = performance.now();
  for (const batch of batches) {
    const reply = await push(h, chair, batch);
    if (reply.status !== 200 || reply.body.rejected.length > 0) throw new Error(`push failed: ${reply.status}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const total = BATCHES * BATCH_SIZE;
  console.log(
    `${kind.name}: ${total} mutations in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} mutations/s ` +
      `(${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'})`,
  );
  await h.close();
}
