// `npm ci` (or the command given) unless node_modules already holds what package-lock.json pins: npm ci deletes
// node_modules and unpacks every package again (~25 s on 2 cores) even when nothing changed. "Holds what it pins":
// npm's record of the installed tree (node_modules/.package-lock.json) has the lock's very entries, leaving out only
// optional packages (other platforms' binaries), and no package.json changed since that install (npm ci checks a
// package.json against the lock; a stale install must not skip that check). Usage: node install-unless-current.mjs NPM CMD
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const [npm = 'npm', command = 'ci'] = process.argv.slice(2);

function json(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function modified(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

function installedAsLocked() {
  const locked = json('package-lock.json')?.packages;
  const installed = json('node_modules/.package-lock.json')?.packages;
  if (!locked || !installed) {
    return false;
  }
  const sameEntries = Object.entries(installed).every(([path, entry]) => JSON.stringify(entry) === JSON.stringify(locked[path]));
  const restOptional = Object.entries(locked).every(([path, entry]) => path === '' || path in installed || entry.optional);
  const manifests = ['package.json', 'package-lock.json', ...(json('package.json')?.workspaces ?? []).map((dir) => `${dir}/package.json`)];
  const installTime = modified('node_modules/.package-lock.json');
  return sameEntries && restOptional && manifests.every((file) => modified(file) <= installTime);
}

if (command === 'ci' && installedAsLocked()) {
  console.log('node_modules holds what package-lock.json pins: npm ci skipped');
} else {
  execFileSync(npm, [command, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
