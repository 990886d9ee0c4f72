// What the process that starts a throwaway PostgreSQL and its keeper process (../entry/postgres-keeper.ts)
// say to each other over the keeper's IPC channel.

/** The account the server runs as when this process is root (initdb and postgres refuse to run as root). */
export interface ServerAccount {
  readonly uid: number;
  readonly gid: number;
  /** User name, for messages. */
  readonly name: string;
}

/** How the keeper sets the cluster up: its one command-line argument, as JSON. */
export interface KeeperSetup {
  /** Directory holding `initdb` and `postgres`. */
  readonly binDir: string;
  /** Set when running as root: the account initdb and the server run as. */
  readonly account?: ServerAccount;
  /** `setpriv`, when present: starts the server with a parent-death signal (and as `account`). */
  readonly setpriv?: string;
  /** Server settings given with `-c name=value` (the relaxed durability settings among them). */
  readonly settings: Readonly<Record<string, string>>;
  /** How long setting up may take in all (initdb, then the server accepting connections), ms. */
  readonly timeoutMs: number;
}

/** Keeper to starter. */
export type FromKeeper =
  | {
      readonly type: 'ready';
      /** `postgresql://postgres:<password>@127.0.0.1:<port>/postgres`. */
      readonly url: string;
      /** The temporary directory: data in `data/`, the Unix socket, `server.log`. */
      readonly dir: string;
      readonly port: number;
      /** Process id of the postmaster. */
      readonly pid: number;
    }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'stopped' };

/** Starter to keeper. */
export type ToKeeper = { readonly type: 'stop' };
