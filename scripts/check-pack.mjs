#!/usr/bin/env node
// Checks what the packages of packages/ ship, and that they work from outside the workspace
// (issue 9). Run after `tsc -b`:
//
// 1. `npm pack --json` of every package (its file list is what `npm pack --dry-run` shows): only
//    package.json, README.md, a LICENSE if there is one, and dist/**/*.js + dist/**/*.d.ts, each
//    built from a file of src/ (no source maps: they point at src/, which does not ship; no
//    .tsbuildinfo, no stale output of a deleted source). The manifest has main, types, exports
//    with types for every entry point, engines and license; dependencies (or peer dependencies)
//    cover every module the shipped .js and .d.ts files import; workspace packages depend on
//    each other at their exact versions.
// 2. A throwaway project in os.tmpdir() installs the tarballs (no workspace resolution), then:
//    - require() and import() every entry point of every package (ESM sees every named export);
//    - type-checks the first ```ts block of each package's README, and every entry point's
//      declarations, against what was installed;
//    - transpiles each README example to CommonJS and runs it with node, comparing what it
//      prints with what the README says it prints. The PostgreSQL example runs when
//      PACKLEDGER_PG_URL is set (in a schema of its own, dropped afterwards), and must run when CI
//      is set; the EventStoreDB example runs when PACKLEDGER_ESDB_URL is set;
//    - runs the installed `packledger --help`.
// Temporary directories are removed at the end (`--keep` keeps them, and prints where).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const keep = process.argv.includes('--keep');
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const started = Date.now();

/** The names a module imports as values, by module specifier (type-only imports left out). */
const valueImports = (source) => {
  const out = {};
  for (const statement of ts.createSourceFile('example.ts', source, ts.ScriptTarget.ES2022).statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    out[statement.moduleSpecifier.text] = bindings.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text);
  }
  return out;
};

// What each README example must print, in order: a string is a whole line, a string ending in
// " ..." the start of one, a RegExp a pattern. `comments` are the "// <output>" comments the
// README shows for it, checked to be in the example, so the README and this table agree.
// `peers`: optional peer dependencies the throwaway project installs too, at the package's range
// (those its example or an entry point needs). `wrap`: the example uses top-level await and is
// pinned line for line by the package's test/readme.test.ts, so this script runs it inside an
// async function (as its README says to).
// `server`: the variable with the server's URL, without which the example does not run (it is
// then only type-checked, and what it imports checked to be there); `serverVariable`: the one the
// example reads it from, if another; `schemaLiteral`: replaced by a schema of this run's own.
const examples = {
  domain: {
    output: ['insufficient_credits Pack pack-1 has 40 credits left; you asked for 45. ...', '40 2026-07-31T10:00:00.000Z'],
    comments: ['insufficient_credits Pack pack-1 has 40 credits left; you asked for 45. ...', '40 2026-07-31T10:00:00.000Z'],
    peers: ['fast-check'], // @packledger/domain/properties loads it (the /testing entry points do not)
  },
  application: {
    output: ['CreditPackIssued at revision 0', 'CreditsConsumed at revision 1', 'CreditsConsumed at revision 1 (already recorded)', 'refused Pack pack-1 has 28 credits left; you asked for 30. ...'],
    comments: ['CreditPackIssued at revision 0', 'CreditsConsumed at revision 1', 'CreditsConsumed at revision 1 (already recorded)', 'refused Pack pack-1 has 28 credits left; you asked for 30. ...'],
  },
  projections: { output: ['40'], comments: ['40'] },
  postgres: {
    output: ['40', "[ 'pack-1 40 until 2026-07-31T10:00:00.000Z' ]"],
    comments: ['40', "[ 'pack-1 40 until 2026-07-31T10:00:00.000Z' ]"],
    server: 'PACKLEDGER_PG_URL',
    requiredInCi: true,
    schemaLiteral: "'packledger_example'",
  },
  eventstoredb: { output: ['40', 'true'], comments: ['40', 'true'], server: 'PACKLEDGER_ESDB_URL', serverVariable: 'ESDB_URL', wrap: true, peers: ['@eventstore/db-client'] },
  http: { output: ['200', '40'], comments: ['200', '"40"'], wrap: true },
  cli: {
    // runDemo prints nothing; the CSV of the balances report: a header and one line per pack.
    output: ['section,pack,id,owner,status,issued,corrected,consumed,refunded,moved,remaining,expires', /^Credit balances,/, /^Credit balances,/, /^Credit balances,/, /^Credit balances,/],
    comments: [],
  },
};

const problems = [];
const problem = (pkg, message) => problems.push(`${pkg}: ${message}`);
const summary = new Map();
const note = (pkg, text) => summary.set(pkg, [...(summary.get(pkg) ?? []), text]);

// npm's own run-script variables would point a child npm at this workspace.
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_(config_(local_prefix|prefix|workspaces?|include_workspace_root)$|package_|lifecycle_)/i.test(key)),
);

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { encoding: 'utf8', env: childEnv, maxBuffer: 64 * 1024 * 1024, timeout: 120_000, ...options });
  if (result.error) throw result.error;
  return result;
};
const npm = (args, cwd) => {
  const result = run('npm', args, { cwd });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${result.stderr}${result.stdout}`);
  return result.stdout;
};

const dirs = readdirSync(join(root, 'packages')).filter((d) => existsSync(join(root, 'packages', d, 'package.json'))).sort();
const manifests = new Map(dirs.map((d) => [d, JSON.parse(readFileSync(join(root, 'packages', d, 'package.json'), 'utf8'))]));
const versions = new Map([...manifests.values()].map((m) => [m.name, m.version]));
for (const d of dirs) if (!examples[d]) problem(d, 'no README expectations in scripts/check-pack.mjs: add an entry to `examples`');

const work = mkdtempSync(join(tmpdir(), 'packledger-check-pack-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'project');
mkdirSync(tarballs);
mkdirSync(join(project, 'examples'), { recursive: true });

try {
  // ---- 1. what ships -------------------------------------------------------------------------
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', tarballs, ...dirs.flatMap((d) => ['-w', `packages/${d}`])], root));
  const entryPoints = [];
  for (const d of dirs) {
    const dir = join(root, 'packages', d);
    const manifest = manifests.get(d);
    const name = manifest.name;
    const pack = packed.find((p) => p.name === name);
    if (!pack) {
      problem(name, 'npm pack did not pack it');
      continue;
    }
    const files = pack.files.map((f) => f.path);
    const shipped = new Set(files);
    for (const file of files) {
      const built = /^dist\/(.+?)(\.d\.ts|\.js)$/.exec(file);
      if (['package.json', 'README.md'].includes(file) || /^LICEN[CS]E(\.md|\.txt)?$/i.test(file)) continue;
      if (!built) problem(name, `ships ${file}, which is not package.json, README.md, LICENSE, dist/**/*.js or dist/**/*.d.ts (fix "files" in packages/${d}/package.json)`);
      else if (!existsSync(join(dir, 'src', `${built[1]}.ts`))) problem(name, `ships ${file}, but src/${built[1]}.ts does not exist (stale build output: delete packages/${d}/dist and build again)`);
      else if (!shipped.has(`dist/${built[1]}${built[2] === '.js' ? '.d.ts' : '.js'}`)) problem(name, `ships ${file} without its ${built[2] === '.js' ? 'declarations' : 'JavaScript'}`);
    }
    if (!shipped.has('README.md')) problem(name, 'does not ship README.md');

    // the manifest
    if (name !== `@packledger/${d}`) problem(name, `packages/${d} should be named @packledger/${d}`);
    for (const field of ['version', 'description', 'license', 'main', 'types', 'exports']) if (!manifest[field]) problem(name, `package.json has no "${field}"`);
    if (!manifest.engines?.node) problem(name, 'package.json has no "engines.node"');
    const target = (path) => path.replace(/^\.\//, '');
    for (const field of ['main', 'types']) if (manifest[field] && !shipped.has(target(manifest[field]))) problem(name, `"${field}" is ${manifest[field]}, which does not ship`);
    for (const [subpath, conditions] of Object.entries(manifest.exports ?? {})) {
      if (typeof conditions !== 'object' || typeof conditions.types !== 'string' || typeof conditions.default !== 'string') {
        problem(name, `exports["${subpath}"] should be { types, default }`);
        continue;
      }
      if (Object.keys(conditions)[0] !== 'types') problem(name, `exports["${subpath}"]: "types" must come first`);
      for (const path of Object.values(conditions)) if (!shipped.has(target(path))) problem(name, `exports["${subpath}"] points at ${path}, which does not ship`);
      entryPoints.push({ pkg: name, spec: subpath === '.' ? name : `${name}/${subpath.slice(2)}` });
    }
    for (const [command, path] of Object.entries(manifest.bin ?? {})) {
      if (!shipped.has(target(path))) problem(name, `bin "${command}" is ${path}, which does not ship`);
      else if (!readFileSync(join(dir, path), 'utf8').startsWith('#!/usr/bin/env node')) problem(name, `bin "${command}" (${path}) does not start with #!/usr/bin/env node`);
    }

    // dependencies cover what the shipped files import
    const declared = { ...manifest.peerDependencies, ...manifest.dependencies };
    for (const [dep, range] of Object.entries(declared)) {
      if (versions.has(dep) && range !== versions.get(dep)) problem(name, `depends on ${dep}@${range}; workspace packages depend on each other at the exact version (${versions.get(dep)})`);
    }
    for (const file of files.filter((f) => f.startsWith('dist/'))) {
      const { importedFiles } = ts.preProcessFile(readFileSync(join(dir, file), 'utf8'), true, true);
      for (const { fileName: spec } of importedFiles) {
        if (spec.startsWith('.') || builtins.has(spec) || builtins.has(packageName(spec))) continue;
        const dep = packageName(spec);
        if (dep !== name && !(dep in declared)) problem(name, `${file} imports ${spec}, but ${dep} is not in its dependencies or peerDependencies`);
      }
    }
    note(name, `${files.length} files`);
  }

  // ---- 2. a throwaway project installs the tarballs ----------------------------------------------
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'packledger-pack-check', version: '0.0.0', private: true }, null, 2)}\n`);
  const peers = [];
  for (const [d, { peers: wanted = [] }] of Object.entries(examples)) {
    for (const peer of wanted) {
      const range = manifests.get(d)?.peerDependencies?.[peer];
      if (range) peers.push(`${peer}@${range}`);
      else problem(`@packledger/${d}`, `scripts/check-pack.mjs installs ${peer} for it, but it is not in its peerDependencies`);
    }
  }
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error', ...packed.map((p) => join(tarballs, p.filename)), ...peers], project);
  const installed = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')).packages;
  for (const p of packed) {
    const resolved = installed[`node_modules/${p.name}`]?.resolved ?? '';
    if (!resolved.endsWith(p.filename)) problem(p.name, `the throwaway project installed it from ${resolved || 'nowhere'}, not from ${p.filename}`);
    for (const [path, entry] of Object.entries(installed)) if (path.endsWith(`/node_modules/${p.name}`)) problem(p.name, `a second copy was installed at ${path} (${entry.resolved})`);
  }

  // require() and import() of every entry point; ESM must see every named export of the CommonJS build
  const loadCheck = `
    const { createRequire } = require('node:module');
    const require_ = createRequire(${JSON.stringify(join(project, 'x.js'))});
    (async () => {
      const out = {};
      for (const spec of ${JSON.stringify(entryPoints.map((e) => e.spec))}) {
        try {
          const cjs = require_(spec);
          const esm = await import(spec);
          const names = Object.keys(cjs).filter((k) => k !== '__esModule' && k !== 'default');
          out[spec] = { names: names.length, missingInEsm: names.filter((k) => !(k in esm)) };
        } catch (error) { out[spec] = { error: String(error && error.stack || error) }; }
      }
      console.log(JSON.stringify(out));
    })();`;
  const loaded = run(process.execPath, ['-e', loadCheck], { cwd: project });
  const loads = loaded.status === 0 ? JSON.parse(loaded.stdout) : {};
  for (const { pkg, spec } of entryPoints) {
    const result = loads[spec];
    if (!result) problem(pkg, `loading ${spec} failed: ${loaded.stderr}`);
    else if (result.error) problem(pkg, `require/import of ${spec} failed: ${result.error}`);
    else if (result.names === 0) problem(pkg, `require('${spec}') has no exports`);
    else if (result.missingInEsm.length > 0) problem(pkg, `import('${spec}') lacks ${result.missingInEsm.join(', ')} (Node cannot see these CommonJS exports)`);
    else note(pkg, `${spec.replace(/^@packledger\/[^/]+/, '') || '.'}: require+import ${result.names} exports`);
  }

  // the README examples, as the package ships them
  const sources = new Map();
  for (const d of dirs) {
    const example = examples[d];
    if (!example) continue;
    const name = manifests.get(d).name;
    const readme = readFileSync(join(project, 'node_modules', name, 'README.md'), 'utf8');
    const match = /```ts\n([\s\S]*?)```/.exec(readme);
    if (!match) {
      problem(name, 'its README has no ```ts example');
      continue;
    }
    let source = match[1];
    for (const comment of example.comments) if (!source.includes(`// ${comment}`)) problem(name, `the README example no longer says "// ${comment}": update scripts/check-pack.mjs and the README together`);
    if (example.wrap) {
      const lines = source.split('\n');
      const body = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('import '));
      source = `${lines.slice(0, body).join('\n')}\nasync function main(): Promise<void> {\n${lines.slice(body).join('\n')}\n}\nmain().catch((error) => { console.error(error); process.exitCode = 1; });\n`;
    }
    sources.set(d, source);
    writeFileSync(join(project, 'examples', `${d}.ts`), source);
  }

  // type-check the examples and every entry point's declarations against the installed packages
  const entryFile = join(project, 'examples', 'entry-points.ts');
  writeFileSync(entryFile, `${entryPoints.map(({ spec }, i) => `import * as entry${i} from '${spec}';`).join('\n')}\nexport const entries = [${entryPoints.map((_, i) => `entry${i}`).join(', ')}];\n`);
  const program = ts.createProgram({
    rootNames: [...[...sources.keys()].map((d) => join(project, 'examples', `${d}.ts`)), entryFile],
    options: {
      target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true, esModuleInterop: true, noEmit: true, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')],
    },
  });
  const ours = program.getSourceFiles().filter((f) => f.fileName.startsWith(join(project, 'examples')) || f.fileName.includes('/node_modules/@packledger/'));
  const diagnostics = [...program.getGlobalDiagnostics(), ...program.getOptionsDiagnostics(), ...ours.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)])];
  for (const diagnostic of diagnostics) {
    const file = diagnostic.file?.fileName ?? '';
    const example = /examples\/([^/.]+)\.ts$/.exec(file)?.[1];
    const pkg = /node_modules\/(@packledger\/[^/]+)/.exec(file)?.[1] ?? (example && manifests.has(example) ? manifests.get(example).name : 'type check');
    const where = diagnostic.file && diagnostic.start !== undefined ? `${file.slice(project.length + 1)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}` : '';
    problem(pkg, `type error ${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
  }
  for (const d of sources.keys()) if (!diagnostics.some((x) => x.file?.fileName.endsWith(`examples/${d}.ts`))) note(manifests.get(d).name, 'README example type-checks');

  // run each example as CommonJS
  for (const [d, source] of sources) {
    const example = examples[d];
    const name = manifests.get(d).name;
    const env = { ...childEnv };
    let code = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true }, fileName: `${d}.ts` }).outputText;
    let schema;
    if (example.server) {
      const url = process.env[example.server];
      if (!url) {
        if (example.requiredInCi && process.env.CI) problem(name, `CI is set but ${example.server} is not: the README example must run in CI`);
        else {
          console.log(`!!! ${name}: README example NOT RUN: set ${example.server} to run it against a server${example.requiredInCi ? ' (CI=1 makes this an error)' : ''}`);
          note(name, `README example SKIPPED (no ${example.server})`);
        }
        // what the example imports is at least there, in the installed packages
        const missing = run(process.execPath, ['-e', `
          const wanted = ${JSON.stringify(valueImports(source))};
          const missing = Object.entries(wanted).flatMap(([spec, names]) => names.filter((n) => require(spec)[n] === undefined).map((n) => n + ' of ' + spec));
          if (missing.length > 0) { console.error('missing: ' + missing.join(', ')); process.exit(1); }`], { cwd: project });
        if (missing.status !== 0) problem(name, `the README example imports what the installed packages lack: ${missing.stderr}`);
        else note(name, 'its imports are there');
        continue;
      }
      env[example.serverVariable ?? example.server] = url;
      if (example.schemaLiteral) {
        schema = `packledger_pack_check_${process.pid}`;
        if (!code.includes(example.schemaLiteral)) problem(name, `the README example no longer uses the schema ${example.schemaLiteral}`);
        code = code.replaceAll(example.schemaLiteral, `'${schema}'`);
      }
    }
    const file = join(project, 'examples', `${d}.js`);
    writeFileSync(file, code);
    const t0 = Date.now();
    const result = run(process.execPath, [file], { cwd: project, env, timeout: 60_000 });
    if (schema) {
      const drop = `
        const { dropSchema } = require('@packledger/postgres');
        const pg = require(require.resolve('pg', { paths: [require.resolve('@packledger/postgres')] }));
        const pool = new pg.Pool({ connectionString: process.env.PACKLEDGER_PG_URL, max: 1 });
        dropSchema(pool, { schema: ${JSON.stringify(schema)} }).finally(() => pool.end()).catch((e) => { console.error(e); process.exitCode = 1; });`;
      const dropped = run(process.execPath, ['-e', drop], { cwd: project, env });
      if (dropped.status !== 0) problem(name, `could not drop the schema ${schema}: ${dropped.stderr}`);
    }
    const lines = result.stdout.split('\n').filter((l) => l !== '');
    const matches = (line, expected) =>
      line !== undefined && (expected instanceof RegExp ? expected.test(line) : expected.endsWith(' ...') ? line.startsWith(expected.slice(0, -4)) : line === expected);
    const shown = `\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}---`;
    if (result.status !== 0 || result.signal) problem(name, `the README example exited ${result.status ?? result.signal}${shown}`);
    else if (lines.length !== example.output.length || !example.output.every((e, i) => matches(lines[i], e))) {
      problem(name, `the README example did not print what it should:\n  expected ${example.output.map(String).join(' | ')}${shown}`);
    } else note(name, `README example ran in ${Date.now() - t0} ms, printed ${lines.length} line(s) as expected`);
  }

  // the command line, as installed
  const bin = run(join(project, 'node_modules', '.bin', 'packledger'), ['--help'], { cwd: project });
  if (bin.status !== 0 || !bin.stdout.includes('demo')) problem('@packledger/cli', `packledger --help exited ${bin.status}: ${bin.stderr}${bin.stdout}`);
  else note('@packledger/cli', 'bin packledger --help ok');
} catch (error) {
  problems.push(`check-pack itself: ${String(error.stack ?? error)}`);
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

for (const m of manifests.values()) {
  const bad = problems.some((p) => p.startsWith(`${m.name}:`));
  console.log(`${bad ? 'FAIL' : 'ok  '} ${m.name.padEnd(24)} ${(summary.get(m.name) ?? []).join('; ')}`);
}
if (problems.length > 0) {
  console.error(`\ncheck-pack: ${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`check-pack: every package ships what it should and works from a throwaway project (${((Date.now() - started) / 1000).toFixed(1)} s)`);
