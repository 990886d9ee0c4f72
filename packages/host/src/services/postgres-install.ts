import { ensureDebianPackage } from '../install.js';
import { findPostgresBinDir, HOW_TO_GET_ONE } from './_postgres-setup.js';

/**
 * Makes sure this machine has PostgreSQL's server binaries, as the runners and the tests make sure it has
 * Chromium: when none are found, installs Debian's `postgresql` package with apt-get (the host's
 * `ensureDebianPackage`: as root or through sudo, one installer at a time). The package may create and
 * start a system cluster of its own; paralab never uses or touches it. Resolves with the directory of
 * `postgres` and `initdb`; rejects with `ParalabError` `ERR_UNSUPPORTED` (one line, saying what to do)
 * where it cannot install them. Callers skip it when `PARALAB_DATABASE_URL` names a server.
 */
export function ensurePostgres(log: (line: string) => void = () => {}): Promise<string> {
  return ensureDebianPackage(
    {
      name: 'postgresql',
      find: () => findPostgresBinDir(),
      howToGet: HOW_TO_GET_ONE,
      code: 'ERR_UNSUPPORTED',
      takes: 'about 30 s',
    },
    log,
  );
}
