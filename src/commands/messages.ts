/**
 * The option rules (and their messages) that several commands share, written once: `burn` and
 * `simulate` take the same --scenario / --all-scenarios / --runs / --seed, and `sweep` the same
 * --runs / --seed.
 */
import { InputError } from '../core/errors.js';
import { suggestion } from '../core/suggest.js';

export const SEED_WITHOUT_RUNS = 'option --seed goes with --runs N (Monte Carlo)';

/** --seed only with --runs; --runs not with --all-scenarios. */
export function checkRuns(o: { runs?: number; seed?: number; allScenarios?: boolean }): void {
  if (o.seed !== undefined && o.runs === undefined) throw new InputError(SEED_WITHOUT_RUNS);
  if (o.runs !== undefined && o.allScenarios)
    throw new InputError('options --runs and --all-scenarios cannot be used together');
}

/** --scenario names one of the file's scenarios; --all-scenarios needs some; not both. */
export function checkScenario(
  file: string,
  scenarios: Readonly<Record<string, unknown>> | undefined,
  o: { scenario?: string; allScenarios?: boolean },
): void {
  const names = Object.keys(scenarios ?? {});
  if (o.scenario && o.allScenarios)
    throw new InputError('options --scenario and --all-scenarios cannot be used together');
  if (o.scenario && !names.includes(o.scenario))
    throw new InputError(
      `option --scenario: no scenario "${o.scenario}" in ${file}${suggestion(o.scenario, names)}${names.length ? `; expected one of ${names.join(', ')}` : ' (it has no scenarios section)'}`,
    );
  if (o.allScenarios && names.length === 0)
    throw new InputError(`option --all-scenarios: ${file} has no scenarios section`);
}
