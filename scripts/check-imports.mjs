#!/usr/bin/env node
// Checks that imports point the way docs/architecture.md says:
//   domain <- application <- projections <- adapters (eventstoredb, postgres, http) <- cli, examples
// - domain imports only fp-ts, io-ts and decimal.js: nothing of ours, no node: module;
// - a package imports only packages below it, and only what its package.json declares;
// - no import cycles between the files of a package.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const layer = { domain: 0, application: 1, projections: 2, eventstoredb: 3, postgres: 3, http: 3, cli: 4 };
const domainAllowed = new Set(['fp-ts', 'io-ts', 'decimal.js']);
// The test-support entry point (@packledger/domain/testing) may also use fast-check, an optional
// peer dependency; nothing else in the domain may import it or the testing folder (decision 0004).
const domainTestingAllowed = new Set([...domainAllowed, 'fast-check']);
const inDomainTesting = (w, file) => w.name === 'domain' && relative(join(w.dir, 'src', 'testing'), file).split(/[\\/]/)[0] !== '..';
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

const filesUnder = (dir) =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
      })
    : [];

const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

const problems = [];
const workspaces = [
  ...readdirSync(join(root, 'packages')).map((d) => ({ dir: join(root, 'packages', d), kind: 'package', name: d })),
  ...(existsSync(join(root, 'examples')) ? readdirSync(join(root, 'examples')).map((d) => ({ dir: join(root, 'examples', d), kind: 'example', name: d })) : []),
  { dir: join(root, 'torture'), kind: 'example', name: 'torture' },
].filter((w) => existsSync(join(w.dir, 'package.json')));

for (const w of workspaces) {
  const manifest = JSON.parse(readFileSync(join(w.dir, 'package.json'), 'utf8'));
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const myLayer = w.kind === 'example' ? 99 : layer[w.name];
  if (myLayer === undefined) problems.push(`${w.name}: not in the layer table of scripts/check-imports.mjs`);
  const graph = new Map();
  for (const file of filesUnder(join(w.dir, 'src'))) {
    const where = relative(root, file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const local = [];
    for (const { fileName: spec } of importedFiles) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        const targetFile = existsSync(`${target}.ts`) ? `${target}.ts` : join(target, 'index.ts');
        if (w.name === 'domain' && !inDomainTesting(w, file) && inDomainTesting(w, targetFile)) problems.push(`${where}: the domain's own code may not import its testing folder (${spec})`);
        local.push(targetFile);
        continue;
      }
      if (builtins.has(spec) || builtins.has(packageName(spec))) {
        if (w.name === 'domain') problems.push(`${where}: domain is pure but imports the Node module "${spec}"`);
        continue;
      }
      const pkg = packageName(spec);
      if (pkg.startsWith('@packledger/')) {
        const other = pkg.slice('@packledger/'.length);
        if (w.name === 'domain') problems.push(`${where}: domain imports nothing of ours, but imports ${pkg}`);
        else if (!(layer[other] < myLayer)) problems.push(`${where}: ${w.name} may not import ${pkg} (dependencies point one way)`);
      } else if (w.name === 'domain' && !(inDomainTesting(w, file) ? domainTestingAllowed : domainAllowed).has(pkg)) {
        problems.push(`${where}: domain may import only ${[...(inDomainTesting(w, file) ? domainTestingAllowed : domainAllowed)].join(', ')}, not ${pkg}`);
      }
      if (!declared.has(pkg)) problems.push(`${where}: imports ${pkg}, which ${relative(root, w.dir)}/package.json does not declare`);
    }
    graph.set(file, local);
  }
  const state = new Map();
  const visit = (file, path) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      problems.push(`import cycle in ${w.name}: ${[...path.slice(path.indexOf(file)), file].map((f) => relative(w.dir, f)).join(' -> ')}`);
      return;
    }
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
}

if (problems.length > 0) {
  console.error(`check-imports: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`check-imports: ${workspaces.length} workspaces, imports point one way, no cycles`);
