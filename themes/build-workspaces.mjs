// `npm run build` in every workspace that has a build script, all at once: each build (tsc, then vite) keeps one core
// busy, so on 2 cores the account and admin pages build in the time of the slower one (`npm run build --workspaces`
// builds them one after the other). Fails when any build fails. Run by `npm run build` here (package.json).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

function scripts(dir) {
  return JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')).scripts ?? {};
}

function build(dir) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'build'], { cwd: dir, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`${dir}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const workspaces = JSON.parse(readFileSync('package.json', 'utf8')).workspaces.filter((dir) => 'build' in scripts(dir));
const codes = await Promise.all(workspaces.map(build));
const failed = workspaces.filter((_, i) => codes[i] !== 0);
if (failed.length > 0) {
  console.error(`build failed in: ${failed.join(', ')}`);
  process.exit(1);
}
