/** Types of findTool.mjs, for the TypeScript that imports it. */
export interface Tool {
  name: string;
  /** What needs it, for the message when it is missing. */
  purpose: string;
  /** The variable that names its path: the only place looked when set. */
  variable: string | undefined;
  /** Paths as they are, bare names in each directory of PATH; first choice first. */
  candidates: string[];
  debianPackage: string;
  /** What provides it off Debian. */
  elsewhere: string;
}

export type Env = Record<string, string | undefined>;

export const CHROMIUM: Tool;
export const NATS_SERVER: Tool;
export const CURL: Tool;
export const TOOLS: { chromium: Tool; natsServer: Tool; curl: Tool };

export function toolCandidates(tool: Tool, env: Env): string[];
export function findTool(tool: Tool, env: Env, executables: ReadonlySet<string>): string | undefined;
