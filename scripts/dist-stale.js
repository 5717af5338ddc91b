// Whether dist/ (the compiled CLI) is older than a source of it: used by bin/ocpp-harness (which
// then runs the sources with ts-node) and by `npm start` (which then builds first).
'use strict';
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
// Written by `npm run build`, with the time the build started.
const stamp = join(root, 'dist', '.build-stamp');

const mtime = (file) => { try { return statSync(file).mtimeMs; } catch { return -1; } };

/** The first source newer than `since` (harness/**.ts, the tsconfigs), or undefined. */
function newerSource(since) {
  for (const file of [join(root, 'tsconfig.json'), join(root, 'tsconfig.build.json')]) if (mtime(file) > since) return file;
  const dirs = [join(root, 'harness')];
  while (dirs.length) {
    const dir = dirs.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) dirs.push(path);
      else if (entry.name.endsWith('.ts') && mtime(path) > since) return path;
    }
  }
  return undefined;
}

/** Why dist/ cannot be trusted ('dist/ is not built' or the path of a newer source), or undefined when it is current. */
function staleReason() {
  const built = mtime(stamp);
  return built < 0 ? 'dist/ is not built' : newerSource(built);
}

module.exports = { root, staleReason, built: () => mtime(stamp) >= 0 };

// `node scripts/dist-stale.js --build`: builds only when stale (npm start; a current build takes about 3 s to redo).
if (require.main === module && process.argv.includes('--build')) {
  const why = staleReason();
  if (why) {
    const { spawnSync } = require('node:child_process');
    // The compiler's own errors are on the terminal already: exit with its status, without a stack trace of this script.
    const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
