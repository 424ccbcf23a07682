/**
 * Every report command's options, declared once as data (see spec.ts): the shell registers them with
 * commander, the builders get their types from here, JSON `params` echoes them, and help shows the
 * parameter file's own values where a default comes from it. Pure data: importing it loads nothing.
 */
import type { CommandSpec } from './spec.js';
import type { Params } from '../params/schema/index.js';

const pct = (r: { n: bigint; d: bigint } | undefined): string | undefined => {
  if (!r) return undefined;
  const x = (Number(r.n) * 100) / Number(r.d);
  return `${Number(x.toPrecision(6))}%`;
};
const num = (r: { n: bigint; d: bigint } | undefined): string | undefined =>
  r
    ? String(Number(r.n) / Number(r.d)).replace(/^(\d+)/, (i) => i.replace(/\B(?=(\d{3})+$)/g, ','))
    : undefined;

export const allocation = {
  name: 'allocation',
  description: 'the supply by category with vesting terms and the date each is fully vested',
  options: [],
} as const satisfies CommandSpec;

export const unlocks = {
  name: 'unlocks',
  description:
    'what unlocks when: per period (default), at a date (--at) or every unlock event (--events)',
  options: [
    { flags: '--from <date>', help: 'first period end to show (YYYY-MM-DD)', parse: 'date' },
    {
      flags: '--to <date>',
      help: 'last date to show (default: when everything is vested)',
      parse: 'date',
    },
    {
      flags: '--every <step>',
      help: 'period: day | week | month | quarter | year',
      parse: 'step',
      default: 'month',
    },
    {
      flags: '--category <name>',
      help: 'only this category (repeatable, or comma-separated)',
      parse: 'text',
      repeatable: true,
    },
    {
      flags: '--at <date>',
      help: 'one row per category: unlocked and locked on this date, and the next unlock',
      parse: 'date',
    },
    {
      flags: '--events',
      help: 'every discrete unlock with its size against the supply already unlocked',
    },
    {
      flags: '--grants <file>',
      help: 'per-beneficiary grants from CSV (see README)',
      parse: 'text',
    },
    {
      flags: '--chart',
      help: 'a terminal chart of cumulative unlocks per category, below the table',
    },
  ],
  examples: [
    'ai-econ unlocks --every quarter --to 2028-12-31',
    'ai-econ unlocks --at 2027-04-29',
    'ai-econ unlocks --events --category Team,Investors -f csv',
  ],
} as const satisfies CommandSpec;

export const quote = {
  name: 'quote',
  description: 'price a training job: fee lines in USD and tokens, the split, GPUs needed',
  options: [
    {
      flags: '--gpu-hours <n>',
      help: 'GPU-hours of the job',
      parse: 'quantity',
      what: 'GPU-hours',
    },
    {
      flags: '--params <n>',
      help: 'model parameters (e.g. 7B), with --tokens: GPU-hours by 6·N·D / (TFLOPS·MFU·3600)',
      parse: 'quantity',
      what: 'a parameter count',
    },
    {
      flags: '--tokens <n>',
      help: 'training tokens (e.g. 140B)',
      parse: 'quantity',
      what: 'a token count',
    },
    {
      flags: '--gpu <class>',
      help: 'GPU class',
      parse: 'text',
      fromFile: (p: Params) => p.fees?.defaultGpu,
    },
    {
      flags: '--duration <span>',
      help: 'wall-clock time allowed, e.g. 48h, 3d, 2w',
      parse: 'hours',
      fromFile: (p: Params) =>
        p.fees?.defaultDuration
          ? `${p.fees.defaultDuration.n}${p.fees.defaultDuration.unit[0]}`
          : undefined,
    },
    {
      flags: '--utilization <pct>',
      help: 'network utilization 0–100% for the demand multiplier',
      parse: 'utilization',
      fromFile: (p: Params) => pct(p.fees?.market.utilization),
    },
    {
      flags: '--price <usd>',
      help: 'USD per token',
      parse: 'price',
      what: 'a USD price',
      fromFile: (p: Params) => num(p.token.priceUsd),
    },
    {
      flags: '--compare <classes>',
      help: 'quote on several GPU classes side by side, e.g. H100,A100',
      parse: 'list',
    },
    {
      flags: '--jobs <file>',
      help: 'a CSV of jobs (id,gpu_hours,params,tokens,gpu,duration,utilization): one row each, with totals',
      parse: 'text',
    },
  ],
  examples: [
    'ai-econ quote --params 7B --tokens 140B --duration 48h     a 7B model on 140B tokens on H100s',
    'ai-econ quote --gpu-hours 1000 --gpu A100 --utilization 95%',
    'ai-econ quote --params 70B --tokens 2T --compare H100,H200,MI300X -f csv',
    'ai-econ quote --jobs jobs.csv                               one row per job, with totals',
  ],
} as const satisfies CommandSpec;

export const rewards = {
  name: 'rewards',
  description:
    "split an epoch's fees and emission among compute nodes, validators and the treasury, with slashing",
  options: [
    {
      flags: '--nodes <file>',
      help: "nodes from CSV or YAML: id,role,stake,tasks,quality,uptime,failed_checks[,verifications] (default: the parameter file's nodes)",
      parse: 'text',
    },
    {
      flags: '--fees <tokens>',
      help: 'fees collected this epoch, in tokens',
      parse: 'tokens',
      fromFile: (p: Params) => num(p.rewards?.epochFees),
    },
    {
      flags: '--emission <tokens>',
      help: 'compute-mining emission this epoch, in tokens',
      parse: 'tokens',
      fromFile: (p: Params) => num(p.rewards?.emissionPerEpoch),
    },
  ],
  examples: [
    'ai-econ rewards',
    'ai-econ rewards --fees 250k --emission 5M --nodes configs/nodes.example.csv -f csv',
  ],
} as const satisfies CommandSpec;

export const burn = {
  name: 'burn',
  description: 'project buy-and-burn of protocol revenue against unlocks',
  describe: (p: Params) =>
    p.buyback
      ? `project buy-and-burn of protocol revenue (${pct(p.buyback.burn)} burned, ${pct(p.buyback.treasury)} treasury, ${pct(p.buyback.execution)} execution) against unlocks`
      : 'project buy-and-burn of protocol revenue against unlocks',
  options: [
    {
      flags: '--months <n>',
      help: 'months to project',
      parse: 'months',
      fromFile: (p: Params) => (p.projection ? String(p.projection.months) : undefined),
    },
    {
      flags: '--revenue <usd>',
      help: 'revenue in month 1, USD',
      parse: 'usd',
      what: 'a monthly revenue in USD',
      fromFile: (p: Params) => num(p.projection?.revenue.startUsd),
    },
    {
      flags: '--growth <pct>',
      help: 'revenue growth per month, e.g. 3% or -1%',
      parse: 'rate',
      fromFile: (p: Params) => pct(p.projection?.revenue.growth),
    },
    {
      flags: '--price <usd>',
      help: 'token price in month 1, USD',
      parse: 'price',
      what: 'a token price in USD',
      fromFile: (p: Params) => num(p.projection?.price.startUsd),
    },
    {
      flags: '--scenario <name>',
      help: 'apply a named scenario from the parameter file (e.g. bear, base, bull)',
      parse: 'text',
    },
    { flags: '--all-scenarios', help: 'every scenario side by side' },
    { flags: '--runs <n>', help: 'Monte Carlo: number of GBM price paths', parse: 'runs' },
    {
      flags: '--seed <n>',
      help: 'Monte Carlo seed (default 1); the same seed gives the same output on any machine',
      parse: 'seed',
    },
    { flags: '--chart', help: 'a terminal line chart of circulating and total supply' },
  ],
  examples: [
    'ai-econ burn                                   the base projection, month by month',
    'ai-econ burn --revenue 1M --growth 0% --months 12',
    'ai-econ burn --all-scenarios --table summary   bear / base / bull side by side',
    'ai-econ burn --runs 10000 --seed 42 --chart    Monte Carlo bands (GBM price) and a chart',
  ],
} as const satisfies CommandSpec;

export const simulate = {
  name: 'simulate',
  description:
    'run the closed loop month by month: demand, fees, node supply, buy-and-burn, unlocks and sells, with its risks as numbers',
  options: [
    {
      flags: '--months <n>',
      help: 'months to simulate',
      parse: 'months',
      fromFile: (p: Params) => (p.economy?.months ?? p.projection?.months)?.toString(),
    },
    {
      flags: '--scenario <name>',
      help: 'apply a named scenario from the parameter file (its economy overrides)',
      parse: 'text',
    },
    { flags: '--all-scenarios', help: 'every scenario side by side' },
    {
      flags: '--runs <n>',
      help: 'Monte Carlo: number of runs (demand shocks and market moves)',
      parse: 'runs',
    },
    {
      flags: '--seed <n>',
      help: 'Monte Carlo seed (default 1); the same seed gives the same output on any machine',
      parse: 'seed',
    },
  ],
  examples: [
    'ai-econ simulate                               the loop month by month: months, ledger, risks',
    "ai-econ simulate --table risks                 the seed's risks as numbers",
    'ai-econ simulate --all-scenarios --table risks bear / base / bull side by side',
    'ai-econ simulate --runs 2000 --seed 7          Monte Carlo bands and p_ risks',
  ],
} as const satisfies CommandSpec;

/** `ai-econ report` writes a page, not a table: its shell is src/cli/report.ts; its options are declared here like every command's. */
export const report = {
  name: 'report',
  description:
    'the whole economy of the parameter file on one self-contained page: allocation, unlocks, a quote, rewards, burn and Monte Carlo (html, or md with SVG files)',
  options: [
    {
      flags: '--runs <n>',
      help: 'Monte Carlo runs for the burn and simulate bands',
      parse: 'runs',
      default: '1000',
    },
    { flags: '--seed <n>', help: 'Monte Carlo seed', parse: 'seed', default: '1' },
  ],
  examples: [
    'ai-econ report -o report.html              one page: charts, tables and notes; opens offline',
    'ai-econ report -c my.yaml --runs 5000 -o my.html',
    'ai-econ report -f md -o wiki/              report.md with an SVG file per chart beside it',
  ],
} as const satisfies CommandSpec;

export const sweep = {
  name: 'sweep',
  description:
    'run unlocks --at, quote, rewards, burn or simulate over a grid of parameter values; which parameter matters (--sensitivity)',
  options: [
    {
      flags: '--vary <path=values>',
      help: 'a --set path and its values: a list 0%,3%,8%, a range 0%..10%:1% or 0.05..0.25~5 (repeatable: the full grid, first --vary slowest)',
      parse: 'text',
      repeatable: true,
    },
    {
      flags: '--metric <name>',
      help: 'a figure of the command to report (repeatable; default: its summary; see the error for the names)',
      parse: 'text',
      repeatable: true,
    },
    {
      flags: '--sensitivity',
      help: "one parameter at a time at its low and high (first and last --vary value), the others at the file's values; ranked by swing",
    },
    {
      flags: '--jobs <n>',
      help: 'threads, at most (default: the number of cores; a sweep with little work stays on one); the output is the same for every N',
      parse: 'threads',
    },
    {
      flags: '--shard <i/n>',
      help: 'compute only shard I of N (points i ≡ I mod N) and write them as JSON lines, for sweep merge',
      parse: 'text',
    },
    {
      flags: '--runs <n>',
      help: 'Monte Carlo runs per point (burn, simulate); each point its own stream from --seed and the point',
      parse: 'runs',
    },
    { flags: '--seed <n>', help: 'Monte Carlo seed of the sweep (default 1)', parse: 'seed' },
  ],
  examples: [
    'ai-econ sweep burn --vary projection.revenue.startUsd=1M..5M:1M --vary projection.revenue.growth=0%..8%:2% --metric net_deflation_from',
    'ai-econ sweep burn --sensitivity --vary projection.revenue.growth=0%..8%:8% --vary projection.price.startUsd=0.05..0.2~2',
    'ai-econ sweep quote --params 7B --tokens 140B --vary fees.market.utilization=50%..100%:10%',
    'ai-econ sweep unlocks --at 2027-06-30 --vary allocations.Team.vesting.cliff=6mo..24mo:6mo --metric at.unlocked.Team',
    'ai-econ sweep burn --vary projection.revenue.growth=0%..10%:1% --shard 0/4 > s0.jsonl   (… 1/4 … 3/4), then: ai-econ sweep merge s*.jsonl',
  ],
} as const satisfies CommandSpec;
