/**
 * The direction of imports (ARCHITECTURE.md) is an ESLint rule that can fail: a file in each layer
 * that imports a layer above it is refused, with the rule's message; imports downwards pass.
 */
import { describe, expect, test } from '@jest/globals';
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { ROOT } from '../cli/run.js';

const eslint = new ESLint({ cwd: ROOT });
const lint = async (file: string, code: string): Promise<string[]> =>
  (await eslint.lintText(code, { filePath: join(ROOT, file) }))
    .flatMap((r) => r.messages)
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);

describe('import direction', () => {
  test.each([
    ['src/core/x.ts', "import { a } from '../params/model.js';", /src\/core is pure/],
    ['src/params/x.ts', "import { a } from '../commands/spec.js';", /src\/params must not/],
    ['src/inputs/x.ts', "import { a } from '../render/sink.js';", /src\/inputs must not/],
    ['src/commands/burn/x.ts', "import { a } from '../../runtime/executor.js';", /src\/commands/],
    ['src/render/x.ts', "import { a } from '../cli/run.js';", /src\/render must not/],
    ['src/runtime/x.ts', "import { a } from '../cli/main.js';", /src\/runtime must not/],
    ['src/cli/x.ts', "import { a } from '../index.js';", /library entry/],
  ])('%s importing upwards is refused', async (file, code, message) => {
    const found = await lint(file, `${code}\nexport const b = a;\n`);
    expect(found).toEqual([expect.stringMatching(message)]);
  });
  test.each([
    ['src/core/x.ts', "import { a } from './rational.js';"],
    ['src/commands/burn/x.ts', "import { a } from '../../core/rational.js';"],
    ['src/runtime/x.ts', "import { a } from '../commands/env.js';"],
    ['src/index.ts', "import { a } from './runtime/executor.js';"],
  ])('%s importing downwards passes', async (file, code) => {
    expect(await lint(file, `${code}\nexport const b = a;\n`)).toEqual([]);
  });
});
