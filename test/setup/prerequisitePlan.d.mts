/** Types of prerequisitePlan.mjs, for the TypeScript that imports it. */
import type { Env } from './findTool.mjs';

/** What the machine has, as prerequisites.mjs found it. */
export interface Facts {
  env: Env;
  /** The candidate paths that are executable files. */
  executables: ReadonlySet<string>;
  /** /etc/debian_version exists: apt-get can install the tools. */
  debian: boolean;
  root: boolean;
  postgres: {
    /** A connection to the test database URL succeeded. */
    reachable: boolean;
    /** Nothing listens there (refused, or no socket): a server that can be started. */
    down: boolean;
    /** Why the connection failed, when it did. */
    error?: string;
    /** The local clusters `main` under /etc/postgresql, by version, with the port each listens on. */
    clusters: { version: string; port: number }[];
    /** The versions under /usr/lib/postgresql with a bin/initdb. */
    serverBins: string[];
    /** The postgres OS user exists. */
    osUser: boolean;
  };
  /** The second look, after the fixes ran: nothing more is tried. */
  fixed: boolean;
}

export interface Plan {
  found: { chromium?: string; natsServer?: string; curl?: string };
  /** Debian packages to install. */
  install: string[];
  /** PostgreSQL versions whose cluster `main` to start. */
  startClusters: string[];
  /** One line for each prerequisite that cannot be had. */
  unmet: string[];
}

export const DEFAULT_TEST_DATABASE_URL: string;
export function testDatabaseUrl(env: Env): string;
export function redactUrl(url: string): string;
export function isLocalUrl(url: string): boolean;
export function prerequisitePlan(facts: Facts): Plan;
