/**
 * Bot detection by user agent (isbot). A handful of user agents make up nearly
 * all traffic, so answers are memoized; a user agent is no personal data.
 */
import { isbot } from 'isbot';

/** Distinct user agents remembered; the memo starts over when full. */
export const BOT_MEMO_SIZE = 2_000;

const memo = new Map<string, boolean>();

/** Whether a request with this `User-Agent` comes from a bot; like isbot, none at all is not (a server-side sender). */
export function isBot(userAgent: string | undefined): boolean {
  if (!userAgent) return false;
  let answer = memo.get(userAgent);
  if (answer === undefined) {
    if (memo.size >= BOT_MEMO_SIZE) memo.clear();
    memo.set(userAgent, (answer = isbot(userAgent)));
  }
  return answer;
}
