#!/usr/bin/env node
// Writes docs/events.md, the event catalog, from the domain's io-ts event codecs (the BUILT
// package, packages/domain/dist: run `npx tsc -b` first) and the human-written parts kept in
// docs/events.meta.json (the intro, what each event means, the notes on each upcaster, and
// the stored form of each opaque scalar type).
//   node scripts/events-catalog.mjs          writes docs/events.md
//   node scripts/events-catalog.mjs --check  exits 1 when docs/events.md is not what it would write
// It fails when an event has no meaning in the metadata, when the metadata names an event,
// upcaster or scalar that no longer exists, or when a field's type has no description.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const docPath = join(root, 'docs', 'events.md');
const metaPath = join(root, 'docs', 'events.meta.json');
const domainEntry = join(root, 'packages', 'domain', 'dist', 'index.js');
const check = process.argv.includes('--check');

const fail = (problems) => {
  const list = Array.isArray(problems) ? problems : [problems];
  console.error(`events-catalog: ${list.length} problem(s)\n${list.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
};

if (!existsSync(domainEntry)) fail(`${relative(root, domainEntry)} is missing: build first (npx tsc -b)`);
const domain = createRequire(import.meta.url)(domainEntry);
const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
const problems = [];

// ---- io-ts structure ------------------------------------------------------------------------

const isCodec = (v) => typeof v === 'object' && v !== null && typeof v.validate === 'function' && typeof v.name === 'string';
const isIdentifier = (s) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s);
/** Tags whose structure is shown; any other codec (a custom `new t.Type`, a refinement, a brand) is a scalar, shown by name. */
const structural = new Set(['InterfaceType', 'StrictType', 'ExactType', 'PartialType', 'ReadonlyType', 'IntersectionType', 'UnionType', 'LiteralType', 'KeyofType', 'ArrayType', 'ReadonlyArrayType', 'DictionaryType', 'TupleType']);
const basic = { StringType: 'string', NumberType: 'number', BigIntType: 'bigint', BooleanType: 'boolean', NullType: 'null', UndefinedType: 'undefined', VoidType: 'void', UnknownType: 'unknown', AnyType: 'unknown', UnknownRecordType: 'object', UnknownArrayType: 'unknown[]', FunctionType: 'function' };
const isStructural = (c) => structural.has(c._tag);
/** Named by its author (`t.strict({...}, 'Owner')`), not the name io-ts makes up from the structure. */
const isNamed = (c) => isIdentifier(c.name);

/** The exported codecs by name: how `Array<ChargeLine>` (a bounded array, opaque to io-ts) finds its item's structure. */
const exportedByName = new Map();
for (const value of Object.values(domain)) {
  if (isCodec(value) && isStructural(value) && isNamed(value) && !exportedByName.has(value.name)) exportedByName.set(value.name, value);
}

/** Fields of an object codec (type, strict, exact, partial, and intersections of them), or undefined. */
const objectFields = (c) => {
  switch (c._tag) {
    case 'InterfaceType':
      return Object.entries(c.props).map(([name, codec]) => ({ name, codec, optional: false }));
    case 'PartialType':
      return Object.entries(c.props).map(([name, codec]) => ({ name, codec, optional: true }));
    case 'StrictType':
      return Object.entries(c.props).map(([name, codec]) => ({ name, codec, optional: false }));
    case 'ExactType':
    case 'ReadonlyType':
      return objectFields(c.type);
    case 'IntersectionType': {
      const parts = c.types.map(objectFields);
      return parts.every((p) => p !== undefined) ? parts.flat() : undefined;
    }
    default:
      return undefined;
  }
};

// ---- rendering --------------------------------------------------------------------------------

/** Named structured types to define in the Types section, and scalar names used. */
const namedTypes = new Map();
const scalarsUsed = new Set();
const anchor = (heading) => heading.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');

const referNamed = (c, where) => {
  const known = namedTypes.get(c.name);
  if (known === undefined) namedTypes.set(c.name, { codec: c, where });
  else if (known.codec !== c && expand(known.codec) !== expand(c)) {
    problems.push(`two different types are named ${c.name} (${known.where} and ${where}); the catalog needs one meaning per name`);
  }
  return `[${c.name}](#${anchor(c.name)})`;
};

/** `intBetween(1, 12)` is named `integer 1..12`, which says it all. */
const isIntegerRange = (name) => /^integer -?\d+\.\.-?\d+$/.test(name);

const referScalar = (name) => {
  if (isIntegerRange(name)) return name;
  scalarsUsed.add(name);
  return `[${name}](#${anchor(name)})`;
};

/** A name io-ts made up, such as `{| from: ServiceInstanceId, to: ServiceInstanceId |}`: its type names become references. */
const referInName = (text, where) =>
  text.replace(/\{\|/g, '{').replace(/\|\}/g, '}').replace(/([A-Za-z_$][A-Za-z0-9_$]*)(\??:)?/g, (whole, id, colon) => {
    if (colon !== undefined) return whole;
    if (/^(string|number|boolean|null|undefined|unknown)$/.test(id)) return id;
    return exportedByName.has(id) ? referNamed(exportedByName.get(id), where) : referScalar(id);
  });

/** A codec where it is used: a named type by reference, anything else spelled out. */
const render = (c, where, depth = 0) => {
  if (depth > 20) {
    problems.push(`${where}: the type is nested too deeply to show (recursive?)`);
    return '…';
  }
  if (basic[c._tag] !== undefined) return basic[c._tag];
  if (!isStructural(c)) {
    const array = /^(?:Readonly)?Array<(.+)>$/.exec(c.name);
    if (array !== null) {
      const item = array[1];
      if (exportedByName.has(item)) return `${referNamed(exportedByName.get(item), where)}[]`;
      return isIdentifier(item) ? `${referScalar(item)}[]` : `(${referInName(item, where)})[]`;
    }
    return isIdentifier(c.name) || isIntegerRange(c.name) ? referScalar(c.name) : referInName(c.name, where);
  }
  if (isNamed(c) && depth > 0) return referNamed(c, where);
  return spell(c, where, depth);
};

/** The structure of a codec, one level spelled out (named types inside it are references). */
const spell = (c, where, depth) => {
  const fields = objectFields(c);
  if (fields !== undefined) {
    if (fields.length === 0) return '{}';
    return `{ ${fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${render(f.codec, `${where}.${f.name}`, depth + 1)}`).join(', ')} }`;
  }
  switch (c._tag) {
    case 'LiteralType':
      return `\`${JSON.stringify(c.value)}\``;
    case 'KeyofType':
      return Object.keys(c.keys).map((k) => `\`${JSON.stringify(k)}\``).join(' | ');
    case 'UnionType':
      return c.types.map((m) => render(m, where, depth + 1)).join(' | ');
    case 'IntersectionType':
      return c.types.map((m) => render(m, where, depth + 1)).join(' & ');
    case 'ArrayType':
    case 'ReadonlyArrayType': {
      const item = render(c.type, where, depth + 1);
      return /[ |&]/.test(item) && !item.startsWith('{') ? `(${item})[]` : `${item}[]`;
    }
    case 'DictionaryType':
      return `{ [key: ${render(c.domain, where, depth + 1)}]: ${render(c.codomain, where, depth + 1)} }`;
    case 'TupleType':
      return `[${c.types.map((m) => render(m, where, depth + 1)).join(', ')}]`;
    default:
      return c.name;
  }
};

/** A named type's definition, for the Types section. */
const expand = (c) => spell(c, c.name, 1);

const cell = (text) => text.replace(/\|/g, '\\|');
/** A table's meaning as a sentence of its own: capitalised, with a full stop. */
const sentence = (text) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

// ---- the catalog --------------------------------------------------------------------------------

const upperSnake = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

const covered = new Set((meta.aggregates ?? []).map((a) => a.key));
for (const name of Object.keys(domain)) {
  const m = /^(\w+)EventCodecs$/.exec(name);
  if (m !== null && !covered.has(m[1])) problems.push(`the domain exports ${name} but docs/events.meta.json has no aggregate with "key": "${m[1]}"`);
}

const sections = [];
for (const aggregate of meta.aggregates ?? []) {
  const { key, title, idField } = aggregate;
  const codecs = domain[`${key}EventCodecs`];
  const versions = domain[`${key}EventSchemaVersions`];
  const upcastersName = `${key}Upcasters`;
  const upcasters = domain[upcastersName] ?? {};
  const streamPrefix = domain[`${upperSnake(key)}_STREAM_PREFIX`];
  if (codecs === undefined || versions === undefined || typeof streamPrefix !== 'string') {
    problems.push(`${key}: the domain must export ${key}EventCodecs, ${key}EventSchemaVersions and ${upperSnake(key)}_STREAM_PREFIX`);
    continue;
  }
  const meanings = aggregate.events ?? {};
  const notes = aggregate.versions ?? {};
  for (const type of Object.keys(meanings)) {
    if (!Object.prototype.hasOwnProperty.call(codecs, type)) problems.push(`docs/events.meta.json names ${title} event ${type}, which ${key}EventCodecs no longer has`);
  }
  for (const [type, byVersion] of Object.entries(notes)) {
    for (const from of Object.keys(byVersion)) {
      if (upcasters[type]?.[from] === undefined) problems.push(`docs/events.meta.json explains an upcaster of ${type} from v${from}, but ${upcastersName} has none`);
    }
  }

  const common = [idField, 'by', 'at'];
  const commonTypes = new Map();
  const rows = [];
  const details = [];
  const versionNotes = [];
  for (const [type, codec] of Object.entries(codecs)) {
    const meaning = meanings[type];
    if (typeof meaning !== 'string' || meaning.trim() === '') problems.push(`${title} event ${type} has no meaning in docs/events.meta.json (aggregates[key=${key}].events.${type})`);
    const version = versions[type];
    if (!Number.isInteger(version) || version < 1) problems.push(`${type} has no schema version in ${key}EventSchemaVersions`);
    for (let from = 1; from < version; from++) {
      if (upcasters[type]?.[from] === undefined) problems.push(`${type} is at v${version} but ${upcastersName} has no upcaster from v${from}`);
      else if (typeof notes[type]?.[from] !== 'string') problems.push(`the upcaster of ${type} from v${from} has no note in docs/events.meta.json (aggregates[key=${key}].versions.${type}.${from})`);
      else versionNotes.push(`- \`${type}\` v${from} → v${from + 1} (\`${upcastersName}\`): ${notes[type][from]}`);
    }
    for (const from of Object.keys(upcasters[type] ?? {})) {
      if (!(Number(from) >= 1 && Number(from) < version)) problems.push(`${upcastersName} has an upcaster of ${type} from v${from}, but ${type} is at v${version}`);
    }

    const data = codec.props?.data ?? codec.type?.props?.data;
    const fields = data === undefined ? undefined : objectFields(data);
    if (fields === undefined) {
      problems.push(`${type}: its codec is not { type, data: {...} }; the catalog cannot read its fields`);
      continue;
    }
    for (const name of common) {
      const field = fields.find((f) => f.name === name);
      if (field === undefined || field.optional) {
        problems.push(`${type}: its data has no required ${name}, which every ${title} event carries`);
        continue;
      }
      const shown = render(field.codec, `${type}.${name}`, 1);
      if (!commonTypes.has(name)) commonTypes.set(name, shown);
      else if (commonTypes.get(name) !== shown) problems.push(`${type}.${name} is ${shown}, unlike the other ${title} events (${commonTypes.get(name)})`);
    }
    const own = fields.filter((f) => !common.includes(f.name));
    const heading = `${type} (v${version})`;
    rows.push(`| [\`${type}\`](#${anchor(heading)}) | ${version} | ${own.length === 0 ? '—' : own.map((f) => `${f.name}${f.optional ? '?' : ''}`).join(', ')} | ${cell(meaning ?? '')} |`);
    details.push(`### ${heading}`, '', sentence(meaning ?? ''), '');
    if (own.length === 0) details.push(`No data besides ${common.join(', ')}.`, '');
    else {
      details.push('| field | type |', '|---|---|');
      for (const f of own) details.push(`| ${f.name}${f.optional ? '?' : ''} | ${cell(render(f.codec, `${type}.${f.name}`, 1))} |`);
      details.push('');
    }
  }

  sections.push(
    `## ${title} — stream \`${streamPrefix}<${idField}>\``,
    '',
    ...(aggregate.intro === undefined ? [] : [aggregate.intro, '']),
    `Every event's \`data\` carries ${common.map((n) => `\`${n}\`: ${commonTypes.get(n) ?? '?'}`).join(', ')}.`,
    '',
    `| event | v | data (besides ${common.join(', ')}) | meaning |`,
    '|---|---|---|---|',
    ...rows,
    '',
    '### Versions',
    '',
    ...(versionNotes.length === 0 ? ['Every event type is at schema version 1: no upcasters.'] : versionNotes),
    '',
    ...details,
  );
}

// Named types: spelling one out can reach more, so first find them all, then define each once.
const reached = new Set();
for (let next = [...namedTypes.keys()]; next.length > 0; next = [...namedTypes.keys()].filter((n) => !reached.has(n))) {
  for (const name of next) {
    reached.add(name);
    const { codec } = namedTypes.get(name);
    if (codec._tag === 'UnionType') codec.types.forEach((member) => (isStructural(member) ? spell(member, name, 1) : render(member, name, 1)));
    else expand(codec);
  }
}
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const typeLines = [];
for (const next of [...namedTypes.keys()].sort(byName)) {
  const { codec } = namedTypes.get(next);
  typeLines.push(`### ${next}`, '');
  if (codec._tag === 'UnionType' && codec.types.length > 1) {
    typeLines.push('One of:', '');
    for (const member of codec.types) {
      const spelled = isStructural(member) ? spell(member, next, 1) : render(member, next, 1);
      typeLines.push(`- ${isStructural(member) && isNamed(member) ? `${member.name}: ` : ''}${spelled}`);
    }
  } else typeLines.push(expand(codec));
  typeLines.push('');
}

const scalars = meta.scalars ?? {};
for (const name of Object.keys(scalars)) if (!scalarsUsed.has(name)) problems.push(`docs/events.meta.json describes the scalar ${name}, which no event uses`);
const scalarLines = [];
for (const name of [...scalarsUsed].sort(byName)) {
  if (typeof scalars[name] !== 'string') problems.push(`the type ${name} is opaque to the catalog and has no description in docs/events.meta.json (scalars.${name})`);
  scalarLines.push(`### ${name}`, '', scalars[name] ?? '', '');
}
for (const name of scalarsUsed) if (namedTypes.has(name)) problems.push(`the name ${name} is both a scalar and a structured type`);

if (problems.length > 0) fail(problems);

const text = `${[
  '<!-- Generated by scripts/events-catalog.mjs from the event codecs of @packledger/domain and docs/events.meta.json.',
  '     Do not edit: change the codecs or the metadata, then run `npm run docs:events`. -->',
  '',
  '# Event catalog',
  '',
  ...(meta.intro ?? []),
  '',
  ...sections,
  '## Types',
  '',
  'The structured types that event fields use. `?` marks an optional field; `|` separates alternatives; `T[]` is a list of `T`.',
  '',
  ...typeLines,
  '## Scalars',
  '',
  'Types whose stored form is a single JSON value (or a fixed small object), with the rule a stored value must follow.',
  '',
  ...scalarLines,
].join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;

if (!check) {
  writeFileSync(docPath, text);
  console.log(`events-catalog: wrote ${relative(root, docPath)}`);
  process.exit(0);
}

const current = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
if (current === text) {
  console.log(`events-catalog: ${relative(root, docPath)} is current`);
  process.exit(0);
}
const want = text.split('\n');
const have = current.split('\n');
let line = 0;
while (line < want.length && line < have.length && want[line] === have[line]) line++;
console.error(`docs/events.md is out of date: run npm run docs:events
  first difference at line ${line + 1}:
    in docs/events.md:   ${have[line] === undefined ? '(end of file)' : JSON.stringify(have[line])}
    generated from code: ${want[line] === undefined ? '(end of file)' : JSON.stringify(want[line])}`);
process.exit(1);
