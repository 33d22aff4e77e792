/** The shape of every error the collector answers (DESIGN.md, "Wire format"). */

/** One problem with an input, located by a dotted path such as `events.0.ts` or `signals.view.cap`. */
export interface Issue {
  path: string;
  message: string;
}

/** `{"error": {"code", "message", "issues": [{"path", "message"}]}}` */
export interface ErrorBody {
  error: { code: string; message: string; issues: Issue[] };
}
