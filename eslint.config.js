// ESLint: typescript-eslint's recommended rules, and the direction of imports between the layers
// (ARCHITECTURE.md): core <- params <- inputs <- commands <- render <- runtime <- cli, index.
// Each layer may import its own folder and the layers to its left, never one to its right.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LAYERS = ['core', 'params', 'inputs', 'commands', 'render', 'runtime', 'cli'];

/** The rule for files of `layer`: no relative import may reach a layer above it (or the library entry). */
const direction = (layer) => {
  const above = LAYERS.slice(LAYERS.indexOf(layer) + 1);
  const patterns = [
    {
      regex: '^(\\.\\./)+index\\.js$',
      message: `src/${layer} must not import the library entry (src/index.ts): it is the top of the house.`,
    },
  ];
  if (layer === 'core')
    patterns.push({
      regex: '^\\.\\./',
      message: 'src/core is pure and imports nothing outside itself (ARCHITECTURE.md).',
    });
  else if (above.length)
    patterns.push({
      regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
      message: `src/${layer} must not import ${above.map((l) => `src/${l}`).join(', ')}: imports go one way (ARCHITECTURE.md).`,
    });
  return {
    files: [`src/${layer}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'coverage/**', 'node_modules/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      // Terminal text is made safe by matching control characters on purpose (src/core/text.ts).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  // Tests read charts' Vega-Lite specs and JSON output as loose data.
  { files: ['**/*.test.ts', 'test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  ...LAYERS.map(direction),
);
