// Runs the TypeScript code blocks of docs/guides/*.md as written, so a guide cannot drift from
// the library: each block is transpiled to CommonJS and run with this test's module resolution.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const guides = join(__dirname, '..', '..', '..', 'docs', 'guides');

const blocksOf = (file: string): string[] =>
  [...readFileSync(join(guides, file), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

/** Runs a block; a block ending in `main().catch(...)` is awaited through its `main`. */
const run = async (source: string): Promise<string[]> => {
  const printed: string[] = [];
  const fakeConsole = { log: (...xs: unknown[]) => printed.push(xs.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ')), error: (...xs: unknown[]) => printed.push(`ERROR ${xs.join(' ')}`) };
  const awaitsMain = /^main\(\)\.catch\(.*$/m.test(source);
  const body = awaitsMain ? `${source.replace(/^main\(\)\.catch\(.*$/m, '')}\nmodule.exports.main = main;` : source;
  const js = ts.transpileModule(body, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const module = { exports: {} as { main?: () => Promise<void> } };
  new Function('require', 'module', 'exports', 'console', js)(require, module, module.exports, fakeConsole);
  if (awaitsMain) await module.exports.main?.();
  return printed;
};

describe('the guides run as written', () => {
  test('embedding: commands through a handler, read-your-writes views, refusals with their reasons', async () => {
    const [example] = blocksOf('embedding.md');
    expect(await run(example ?? '')).toEqual([
      '200',
      '200',
      JSON.stringify({ events: ['CreditsConsumed'] }),
      JSON.stringify({ code: 'insufficient_credits', message: 'Pack pack-1 has 27.5 credits left; you asked for 30. Use at most what is left, and pay the rest another way.' }),
      '400',
      JSON.stringify(['pack-1: 27.5 left']),
    ]);
  });

  test('replaying reports: export, import, rebuild with progress', async () => {
    const [example] = blocksOf('replaying-reports.md');
    const printed = await run(example ?? '');
    expect(printed.at(-1)).toBe(`1 ${JSON.stringify(['pack-1 40'])}`);
    expect(printed.some((line) => /^1\/1 events/.test(line))).toBe(true);
  });

  test('property tests: both properties hold and say so', async () => {
    const [history, model, imports] = blocksOf('property-tests.md');
    expect(await run(history ?? '')).toEqual(['every generated history keeps the rule']);
    expect(await run(model ?? '')).toEqual(['the decider agreed with the model and kept both rules']);
    expect(await run(imports ?? '')).toEqual([]);
  });
});
