/**
 * Requests that ended without a normal answer, since the process started,
 * kept apart because they mean different things: a server error is a bug to
 * fix, a client gone mid-upload is the network (a tab closed, a phone that
 * lost its signal). `GET /healthz` shows both.
 */
export class RequestCounts {
  /** Requests answered 500: an unexpected error, logged with its stack. */
  serverErrors = 0;
  /** Uploads the client broke off before its body arrived: logged as `499`, no error line. */
  clientAborts = 0;
}
