/** `ai-econ quote`: its options, declared once as data (see ../spec.ts). */
import { pctText, numText, type CommandSpec } from '../spec.js';
import type { Params } from '../../params/schema/index.js';

export const spec = {
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
      sets: ['fees.defaultGpu'],
    },
    {
      flags: '--duration <span>',
      help: 'wall-clock time allowed, e.g. 48h, 3d, 2w',
      parse: 'hours',
      fromFile: (p: Params) =>
        p.fees?.defaultDuration
          ? `${p.fees.defaultDuration.n}${p.fees.defaultDuration.unit[0]}`
          : undefined,
      sets: ['fees.defaultDuration'],
    },
    {
      flags: '--utilization <pct>',
      help: 'network utilization 0–100% for the demand multiplier',
      parse: 'utilization',
      fromFile: (p: Params) => pctText(p.fees?.market.utilization),
      sets: ['fees.market.utilization'],
    },
    {
      flags: '--price <usd>',
      help: 'USD per token',
      parse: 'price',
      what: 'a USD price',
      fromFile: (p: Params) => numText(p.token.priceUsd),
      sets: ['token.priceUsd'],
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
