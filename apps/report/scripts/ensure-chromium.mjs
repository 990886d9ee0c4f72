// Makes sure a Chromium exists for the report's browser tests: $PARALAB_CHROMIUM, /usr/bin/chromium, or
// (on Debian and Ubuntu) Debian's `chromium` package installed with apt-get. Browser downloads by test
// tools do not work on machines that only reach package registries, so this uses the distribution's.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.PARALAB_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
);
if (candidates.some((path) => existsSync(path))) process.exit(0);

const has = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const root = process.getuid?.() === 0;
if (!has('apt-get') || (!root && !has('sudo'))) {
  process.stderr.write(
    'paralab: the report tests need Chromium: install it (Debian/Ubuntu: apt-get install chromium) or set PARALAB_CHROMIUM to its path\n',
  );
  process.exit(1);
}
const run = (args) =>
  execFileSync(root ? args[0] : 'sudo', root ? args.slice(1) : args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
process.stdout.write("paralab: installing Debian's chromium for the report's browser tests (apt-get)\n");
run(['apt-get', 'update']);
run(['apt-get', 'install', '-y', 'chromium']);
