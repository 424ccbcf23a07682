import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, expectUserError, miniParams, tmp, tmpFile } from '../../../test/cli/run.js';

const CONFIG = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');
/** The parameter data a page holds. */
const dataOf = (html: string): Record<string, unknown> =>
  JSON.parse(
    /<script type="application\/json" id="play-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '',
  ) as Record<string, unknown>;

describe('ai-econ play', () => {
  test('-o writes one self-contained page: the parameter file and the script inlined, nothing loaded', () => {
    const file = join(tmp(), 'play.html');
    const r = cli(['play', '-o', file]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const html = readFileSync(file, 'utf8');
    expect(statSync(file).size).toBeLessThanOrEqual(1.5 * 1024 * 1024);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    // Two scripts, both inline: the data and the page's code; no link, image or frame.
    expect(html.match(/<script\b[^>]*>/g)).toEqual([
      '<script type="application/json" id="play-data">',
      '<script>',
    ]);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/);
    expect(html).toContain("default-src 'none'");
    expect(dataOf(html)).toMatchObject({
      yaml: CONFIG,
      file: 'built-in configs/gensyn.yaml',
      builtin: true,
    });
  });

  test('-c and --set: the file as given, the starting values', () => {
    const conf = tmpFile('mini.yaml', miniParams());
    const r = cli(['play', '-c', conf, '--set', 'token.priceUsd=0.2']);
    expect(r.code).toBe(0);
    expect(dataOf(r.stdout)).toMatchObject({
      yaml: readFileSync(conf, 'utf8'),
      file: conf,
      config: conf,
      builtin: false,
      set: ['token.priceUsd=0.2'],
    });
  });

  test('a bad parameter file or --set: the usual message, exit 2, nothing written', () => {
    const dir = tmp();
    const out = join(dir, 'play.html');
    expectUserError(
      cli(['play', '--set', 'economy.demand.growth=x', '-o', out]),
      'option --set economy.demand.growth=x: expected a rate',
    );
    const bad = tmpFile('bad.yaml', 'token: {}\n');
    expectUserError(cli(['play', '-c', bad, '-o', out]), `${bad}:1:`);
    expect(existsSync(out)).toBe(false);
  });

  test('html only, its own views', () => {
    expectUserError(cli(['play', '-f', 'csv']), 'option --format: ai-econ play writes html');
    expectUserError(cli(['play', '--table', 'risks']), 'option --table: ai-econ play shows');
  });
});
