/** `ai-econ simulate`: the closed loop month by month — a thin shell over src/reports/simulate.ts. */
import type { Command } from 'commander';
import { runReport } from './run.js';

interface SimulateFlags {
  months?: string;
  scenario?: string;
  allScenarios?: boolean;
  runs?: string;
  seed?: string;
}

const EXAMPLES = `
Examples:
  $ ai-econ simulate                               the loop month by month: months, ledger, risks
  $ ai-econ simulate --table risks                 the seed's risks as numbers
  $ ai-econ simulate --all-scenarios --table risks bear / base / bull side by side
  $ ai-econ simulate --runs 2000 --seed 7          Monte Carlo bands and p_ risks`;

export function register(program: Command): void {
  program
    .command('simulate')
    .description('run the closed loop month by month: demand, fees, node supply, buy-and-burn, unlocks and sells, with its risks as numbers')
    .option('--months <n>', 'months to simulate (default: economy.months)')
    .option('--scenario <name>', 'apply a named scenario from the parameter file (its economy overrides)')
    .option('--all-scenarios', 'every scenario side by side')
    .option('--runs <n>', 'Monte Carlo: number of runs (demand shocks and market moves)')
    .option('--seed <n>', 'Monte Carlo seed (default 1); the same seed gives the same output on any machine')
    .addHelpText('after', EXAMPLES)
    .action((_o: unknown, cmd: Command) =>
      runReport<SimulateFlags>(cmd, async (ctx) => {
        const [{ buildSimulate }, { flag }, { packageVersion }, units, { InputError }] = await Promise.all([
          import('../reports/simulate.js'), import('./flags.js'), import('../io/paths.js'), import('../core/units.js'), import('../core/errors.js'),
        ]);
        const whole = (what: string, max: number) => (t: string) => {
          const n = units.parseInteger(t, what);
          if (n === 0 || n > max) throw new InputError(`expected ${what} from 1 to ${max.toLocaleString('en-US')}; found ${JSON.stringify(t)}`);
          return n;
        };
        const parseMonths = whole('a number of months', 1200);
        const parseRuns = whole('a number of runs', 1_000_000);
        const parseSeed = whole('a seed', 0xffffffff);
        const o = ctx.opts;
        const months = flag('--months', o.months, parseMonths, true);
        const runs = flag('--runs', o.runs, parseRuns, true);
        const seed = flag('--seed', o.seed, parseSeed, true);
        const bar = runs !== undefined && process.stderr.isTTY ? await progress() : undefined;
        try {
          return buildSimulate(await ctx.model(), { months, runs, seed, scenario: o.scenario, allScenarios: o.allScenarios, source: await ctx.source(), version: packageVersion(), onProgress: bar?.update });
        } finally {
          bar?.stop();
        }
      }),
    );
}

/** A progress bar on stderr (only on a terminal). */
async function progress(): Promise<{ update: (done: number, total: number) => void; stop: () => void }> {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'Monte Carlo [{bar}] {percentage}% | month {value}/{total}', hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update: (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}
