// Preloaded (`--import`) into a collector process whose days a test moves
// along with the page clock: Date.now runs ahead of the real clock by the
// milliseconds written in the file DWELL_TEST_CLOCK_FILE, read at most every
// 20 ms. Playwright moves the page clock; the collector corrects each event's
// time with the batch's `sent_at` against its own clock, so without this every
// event of a page a day ahead lands on the server's today.
import { readFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.DWELL_TEST_CLOCK_FILE;
const realNow = Date.now.bind(Date);
let offsetMs = 0;
let readAt = -Infinity;

Date.now = () => {
  const now = realNow();
  if (file && now - readAt > 20) {
    readAt = now;
    try {
      offsetMs = Number(readFileSync(file, 'utf8')) || 0;
    } catch {
      offsetMs = 0;
    }
  }
  return now + offsetMs;
};
