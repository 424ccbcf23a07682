/**
 * The JSON Schema (`ai-econ schema`) carries every field-level rule: a real JSON Schema validator
 * (ajv, draft 2020-12) flags the same fields `ai-econ validate` flags, on the values a YAML editor
 * sees (YAML 1.2: `0.95` and `60` are numbers, `10_000`, `95%` and `2026-04-29` are text).
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { jsonSchema } from '../../src/params/schema/index.js';
import { parseStep, STEP_WORDS, STEPS } from '../../src/core/units.js';
import {
  parseParams,
  parseYaml,
  problemText,
  resolveParams,
  ParamFileError,
} from '../../src/params/load.js';
import {
  amount,
  date,
  dateOrDuration,
  duration,
  hoursDuration,
  integer,
  number,
  percent,
  portion,
  share,
  signedShare,
  step,
  usd,
} from '../../src/params/schema/fields.js';

const ROOT = join(import.meta.dirname, '../..');
const GOOD = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');
const ajv = new Ajv2020({ allErrors: true, strict: false });
const check = ajv.compile(jsonSchema());

const dotted = (ptr: string, extra?: string): string =>
  [...ptr.split('/').slice(1), ...(extra !== undefined ? [extra] : [])].reduce(
    (s, p) => (/^\d+$/.test(p) ? `${s}[${p}]` : s ? `${s}.${p}` : p),
    '',
  );

/** The fields ajv flags, as validate names them (`fees.market.utilization`, `nodes[0].role`). */
function ajvFields(text: string): string[] {
  if (check(parse(text))) return [];
  const at = (e: ErrorObject): string =>
    e.keyword === 'additionalProperties'
      ? dotted(e.instancePath, String(e.params.additionalProperty))
      : e.keyword === 'required'
        ? dotted(e.instancePath, String(e.params.missingProperty))
        : dotted(e.instancePath);
  const all = [...new Set((check.errors ?? []).map(at))];
  // An error at a mapping is only its own when no field inside it was flagged.
  return all
    .filter((p) => !all.some((q) => q !== p && (q.startsWith(`${p}.`) || q.startsWith(`${p}[`))))
    .sort();
}

/** The fields `ai-econ validate` flags (its problems are `file:line:col: path: message`). */
function validateFields(text: string): string[] {
  try {
    const { params, src } = parseParams(text, 'p.yaml');
    resolveParams(params, src);
    return [];
  } catch (e) {
    if (!(e instanceof ParamFileError)) throw e;
    return [
      ...new Set(e.problems.map((p) => /^p\.yaml:\d+:\d+: ([^:]+): /.exec(problemText(p))![1]!)),
    ].sort();
  }
}

function edit(from: string, to: string, text = GOOD): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`no ${from} in the file`);
  return out;
}

describe('JSON Schema: the same fields as validate', () => {
  test('the built-in file passes both', () => {
    expect(ajvFields(GOOD)).toEqual([]);
    expect(validateFields(GOOD)).toEqual([]);
  });
  test.each<[string, string, string]>([
    ['a date written as a number', edit('tge: 2026-04-29', 'tge: 20260601'), 'token.tge'],
    ['an impossible-looking date', edit('tge: 2026-04-29', 'tge: 29.04.2026'), 'token.tge'],
    [
      'an unknown step',
      edit('linear: 48mo, every: month', 'linear: 48mo, every: blah'),
      'allocations[0].vesting.every',
    ],
    [
      'a duration without a unit',
      edit(
        'cliff: 12mo, atCliff: 25%, linear: 36mo, every: month }\n  - name: Team',
        'cliff: 12, atCliff: 25%, linear: 36mo, every: month }\n  - name: Team',
      ),
      'allocations[1].vesting.cliff',
    ],
    [
      'an unknown duration unit',
      edit('linear: 48mo', 'linear: 48 moons'),
      'allocations[0].vesting.linear',
    ],
    [
      'a word for an amount',
      edit('totalSupply: 10_000_000_000', 'totalSupply: lots'),
      'token.totalSupply',
    ],
    ['a zero supply', edit('totalSupply: 10_000_000_000', 'totalSupply: 0'), 'token.totalSupply'],
    ['a decimal comma', edit('epochFees: 250_000', 'epochFees: 250,5'), 'rewards.epochFees'],
    ['decimals above 30', edit('decimals: 18', 'decimals: 40'), 'token.decimals'],
    ['a bare integer share', edit('share: 25%', 'share: 25'), 'allocations[2].share'],
    [
      'a bare 1 for utilization (1% or 100%?)',
      edit('utilization: 80%', 'utilization: 1'),
      'fees.market.utilization',
    ],
    [
      'utilization above 100%',
      edit('utilization: 80%', 'utilization: 120%'),
      'fees.market.utilization',
    ],
    ['a bare integer growth', edit('growth: 3%', 'growth: 3'), 'projection.revenue.growth'],
    [
      'a bare integer volatility',
      edit('volatility: 80%', 'volatility: 80'),
      'projection.price.volatility',
    ],
    [
      'revenue share above 100%',
      edit('revenueShare: 100%', 'revenueShare: 150%'),
      'buyback.revenueShare',
    ],
    ['zero MFU', edit('mfu: 40%', 'mfu: 0%'), 'fees.mfu'],
    ['zero TFLOPS', edit('tflops: 312,', 'tflops: 0,'), 'fees.gpus.A100.tflops'],
    ['zero price', edit('priceUsd: 0.10', 'priceUsd: 0'), 'token.priceUsd'],
    ['zero months', edit('months: 60', 'months: 0'), 'projection.months'],
    [
      'a month-long job duration',
      edit('defaultDuration: 48h', 'defaultDuration: 1mo'),
      'fees.defaultDuration',
    ],
    ['an unknown price model', edit('model: constant', 'model: random'), 'projection.price.model'],
    [
      'an unknown role',
      edit('role: validator, stake: 200_000', 'role: miner, stake: 200_000'),
      'nodes[5].role',
    ],
    ['an unknown key', edit('cliff: 12mo', 'clif: 12mo'), 'allocations[1].vesting.clif'],
    ['a missing key', edit('  tge: 2026-04-29', ''), 'token.tge'],
  ])('%s', (_name, text, field) => {
    expect(validateFields(text)).toEqual([field]);
    expect(ajvFields(text)).toEqual([field]);
  });
  test.each<[string, string]>([
    ['utilization as a decimal', edit('utilization: 80%', 'utilization: 0.95')],
    ['a zero share', edit('treasury: 5%\n', 'treasury: 0%\n', edit('nodes: 80%', 'nodes: 85%'))],
    [
      'amounts with exponents and commas',
      edit('epochFees: 250_000', 'epochFees: 2.5e5', edit('stakeMin: 10_000', 'stakeMin: 10,000')),
    ],
    ['a step in capitals', edit('linear: 48mo, every: month', 'linear: 48mo, every: Monthly')],
    ['growth as a decimal, negative', edit('growth: 3%', 'growth: -0.01')],
  ])('both accept %s', (_name, text) => {
    expect(validateFields(text)).toEqual([]);
    expect(ajvFields(text)).toEqual([]);
  });
  test('cross-field rules are listed in the descriptions', () => {
    const s = JSON.stringify(jsonSchema());
    for (const rule of [
      'shares add up to exactly 100%',
      'defaultGpu names a class in gpus',
      'burn + treasury + execution add up to exactly 100%',
      'ids are unique',
    ])
      expect(s).toContain(rule);
  });
});

/**
 * Every scalar field type, on random text: the editor (ajv on the value YAML gives it) and
 * validate (the field's parser on the source text, as the loader passes it) agree, except where a
 * JSON Schema cannot see the difference. Known, documented exceptions:
 * - the editor is stricter: a percent written `2.0` (YAML gives the number 2, an ambiguous bare
 *   integer to a schema); a bounded whole number written as text (`1_200` months); a number above
 *   10^99; a whole number written as text with a point (`.3_12e3`);
 * - validate is stricter: a fraction a/b above 1 in a field of at most 100% (a pattern cannot
 *   compare a and b); exponents beyond ±99 and whole numbers beyond 2^53; zero spelled `0.0`, `00`
 *   or `-0` in a duration field (YAML gives the editor 0); a negative zero (`-0`) anywhere.
 */
describe('JSON Schema: field types agree with their parsers on random text', () => {
  type Case = [string, z.ZodType, string, (s: string, editor: unknown, ajvOk: boolean) => boolean];
  const none = () => false;
  const integerWithPoint = (_s: string, editor: unknown, ajvOk: boolean) =>
    !ajvOk && typeof editor === 'number' && Number.isInteger(editor);
  const fractionAbove1 = (s: string, _e: unknown, ajvOk: boolean) => {
    const m = /(\d+)\s*\/\s*(\d+)/.exec(s);
    return ajvOk && !!m && BigInt(m[1]!) > BigInt(m[2]!);
  };
  const bigExponent = (s: string, e: unknown, ajvOk: boolean) =>
    (ajvOk && /[eE][+-]?0*\d{3}/.test(s.replace(/_/g, ''))) ||
    (!ajvOk && typeof e === 'number' && e > 1e99);
  const zeroDuration = (_s: string, editor: unknown, ajvOk: boolean) => ajvOk && editor === 0;
  // validate caps durations at 10,000 years (no date beyond 9999-12-31 can come of a longer one); a pattern cannot say that.
  const overLongDuration = (s: string, _e: unknown, ajvOk: boolean) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)/i.exec(s);
    if (!ajvOk || !m) return false;
    const perYear: Record<string, number> = { h: 8766, d: 365.25, w: 52.18, m: 12, q: 4, y: 1 };
    return Number(m[1]) / (perYear[m[2]![0]!.toLowerCase()] ?? 1) > 10_000;
  };
  const cases: Case[] = [
    ['amount', amount(''), '0123456789,._ eEkMBbnT+-', bigExponent],
    ['positive amount', amount('', { positive: true }), '0123456789,._ eEkMB+', bigExponent],
    ['usd', usd('', { positive: true }), '0123456789,.$_ eEkM', bigExponent],
    [
      'share',
      share(''),
      '0123456789.%/ _',
      (s, e, a) => fractionAbove1(s, e, a) || integerWithPoint(s, e, a),
    ],
    [
      'positive share',
      share('', { positive: true }),
      '0123456789.%/ ',
      (s, e, a) => fractionAbove1(s, e, a) || integerWithPoint(s, e, a),
    ],
    ['percent', percent(''), '0123456789.%/ ', integerWithPoint],
    [
      'signed',
      signedShare(''),
      '0123456789.%/ -',
      (s, e, a) =>
        (s.trim().startsWith('-') && fractionAbove1(s, e, a)) || integerWithPoint(s, e, a),
    ],
    ['number', number('', { positive: true }), '0123456789,._ eE+-', bigExponent],
    [
      'bounded integer',
      integer('', { min: 1, max: 1200 }),
      '0123456789,_ eE+-.',
      (_s, e, a) => !a && typeof e === 'string',
    ],
    [
      'integer',
      integer(''),
      '0123456789,_ eE+-.',
      (s, e, a) =>
        bigExponent(s, e, a) ||
        (a && Math.abs(Number(String(e).replace(/_/g, ''))) > Number.MAX_SAFE_INTEGER) ||
        (!a && typeof e === 'string' && e.includes('.')),
    ],
    [
      'duration',
      duration(''),
      '0123456789. moyhdwqMOr',
      (s, e, a) => zeroDuration(s, e, a) || overLongDuration(s, e, a),
    ],
    ['job duration', hoursDuration(''), '0123456789. moyhdwq', overLongDuration],
    ['date', date(''), '0123456789- ', none],
    ['step', step(''), 'daymonthweeklyquarterannualsDM ', none],
    [
      'date or duration',
      dateOrDuration(''),
      '0123456789- moyd',
      (s, e, a) => zeroDuration(s, e, a) || overLongDuration(s, e, a),
    ],
    ['vesting portion', portion(''), '0123456789.%/_ kM', bigExponent],
  ];
  const ajvField = new Ajv2020({ strict: false });
  test.each(cases)('%s', (_name, field, alphabet, known) => {
    const ok = ajvField.compile(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }));
    const disagree = new Set<string>();
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...alphabet.split('')), maxLength: 8 }),
        (s) => {
          let loader: unknown, editor: unknown;
          try {
            loader = (parseYaml(`v: ${s}\n`, 'x.yaml', { what: 'x' }).raw as { v: unknown }).v;
            editor = (parse(`v: ${s}\n`) as { v: unknown }).v;
          } catch {
            return; // not a YAML scalar: no field sees it
          }
          if (loader === null || typeof loader === 'object') return;
          const a = ok(editor);
          if (
            a !== field.safeParse(loader).success &&
            !known(s, editor, a) &&
            !Object.is(editor, -0)
          )
            disagree.add(
              `${JSON.stringify(s)}: editor ${a ? 'passes' : 'flags'}, validate ${a ? 'flags' : 'passes'}`,
            );
        },
      ),
      { numRuns: 3000, seed: 20261125 },
    );
    expect([...disagree].slice(0, 10)).toEqual([]);
  });
});

describe('fixed sets are enums an editor completes (issue 21.26)', () => {
  const every = (jsonSchema() as { properties: Record<string, any> }).properties.allocations.items
    .properties.vesting.properties.every;
  test('every: an enum of every word validate reads, and no pattern of hundreds of characters to read', () => {
    const words = STEPS.flatMap((s) => STEP_WORDS[s]);
    expect(every.anyOf[0].enum).toEqual(words);
    for (const w of ['quarterly', 'monthly', 'annually', 'daily']) expect(words).toContain(w);
  });
  test.each<[string, boolean]>([
    ['quarterly', true],
    ['Monthly', true],
    ['annually', true],
    ['monthy', false],
    ['fortnight', false],
  ])('every: %s — the editor and validate agree (%s)', (word, ok) => {
    const text = edit('linear: 48mo, every: month', `linear: 48mo, every: ${word}`);
    expect(ajvFields(text)).toEqual(ok ? [] : ['allocations[0].vesting.every']);
    expect(validateFields(text)).toEqual(ok ? [] : ['allocations[0].vesting.every']);
  });
  test('the message lists the other words too', () => {
    expect(() => parseStep('monthy')).toThrow(
      'expected a step: one of day, week, month, quarter, year (also days, daily, weeks, weekly, months, monthly, quarters, quarterly, years, yearly, annual, annually); found "monthy"',
    );
  });
  test('the other fixed sets are enums', () => {
    const p = (jsonSchema() as { properties: Record<string, any> }).properties;
    expect(p.rewards.properties.slashing.properties.destination.enum).toEqual(['treasury', 'burn']);
    expect(p.nodes.items.properties.role.enum).toEqual(['compute', 'validator']);
    expect(p.projection.properties.price.properties.model.enum).toEqual([
      'constant',
      'growth',
      'gbm',
    ]);
  });
});
