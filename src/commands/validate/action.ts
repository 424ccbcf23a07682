/** `ai-econ validate`: the same checks every command runs, and a one-line summary of a valid file. */
import { displayUnits } from '../../core/amount.js';
import { escapeControl } from '../../core/text.js';
import { fileWarnings, missingForCommands } from '../../params/rules.js';
import type { ToolAction } from '../command.js';

export const validate: ToolAction = async ({ args }, shell) => {
  const m = await shell.model((args[0] as string | undefined) ?? shell.globals.config);
  await shell.write(
    `${m.file}: valid — ${escapeControl(m.params.token.name)} (${escapeControl(m.symbol)}), supply ${displayUnits(m.supply, m.decimals, 0)}, ` +
      `${m.categories.length} allocations, ${m.categories.reduce((n, c) => n + c.unlocks.length, 0)} unlock events\n` +
      fileWarnings(m.params)
        .map((x) => `  warning: ${x}\n`)
        .join('') +
      missingForCommands(m.params)
        .map((x) => `  note: ${x} (see ai-econ init)\n`)
        .join(''),
  );
};
