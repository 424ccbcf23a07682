/**
 * What every command's run shares: load the parameter file (-c / $AI_ECON_CONFIG / ./ai-econ.yaml /
 * built-in, with --set), give the builder what it may ask for (progress, warnings), and render the
 * report to stdout or atomically to -o.
 */
import type { Report } from '../core/table.js';
import type { Model } from '../params/model.js';
import type { BuildEnv } from '../commands/env.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Globals } from './globals.js';
import { rawOptionsOf } from './command.js';
import { parseOptions } from '../commands/options.js';
import { configFile } from '../params/builtin.js';
import { checkFolder, checkOutputPath, inputFiles, writeFiles } from '../runtime/output.js';
import type { Shell } from '../commands/command.js';
import { threads } from '../runtime/executor.js';

export interface RunCtx {
  model(): Promise<Model>;
  env: BuildEnv;
}

/** The parameter file the globals name (or the built-in one), validated, with --set applied. */
export async function modelOf(g: Globals): Promise<Model> {
  // The YAML parser (behind overrides) loads only when there is something to override.
  const [{ loadModel, configFile }, overrides] = await Promise.all([
    import('../params/builtin.js'),
    g.set?.length ? import('../params/overrides.js') : undefined,
  ]);
  return loadModel(
    configFile(g.config),
    overrides ? (g.set ?? []).map(overrides.parseOverride) : [],
  );
}

export async function runWith(g: Globals, build: (ctx: RunCtx) => Promise<Report>): Promise<void> {
  // Start loading the renderer now, alongside the model and the command's own modules.
  const renderer = import('../render/index.js').then((r) => (r.preload(g.format), r));
  renderer.catch(() => undefined);
  const [{ checkOutputPath, fileSink, stdoutSink, inputFiles }, { configFile }] = await Promise.all(
    [import('../runtime/output.js'), import('../params/builtin.js')],
  );
  // Never write over an input: -c (or the file it resolves to), --grants, --nodes, --jobs.
  const inputs = [...inputFiles(g), configFile(g.config)];
  if (g.output !== undefined) checkOutputPath(g.output, inputs);
  let model: Promise<Model> | undefined;
  const report = await build({ model: () => (model ??= modelOf(g)), env: envOf(g) });
  const { render } = await renderer;
  // Terminal charts go with the table and md views; next to csv/json data they go to stderr.
  if ((g.format === 'csv' || g.format === 'json') && report.lineCharts?.length) {
    const { drawLineChart } = await import('../render/terminal-chart.js');
    const color = Boolean(process.stderr.isTTY) && g.color !== false && !process.env.NO_COLOR;
    const width = process.stderr.columns || Number(process.env.COLUMNS) || undefined;
    process.stderr.write(
      report.lineCharts.map((c) => `${drawLineChart(c, color, width)}\n`).join(''),
    );
  }
  const sink = g.output !== undefined ? fileSink(g.output, inputs) : stdoutSink();
  try {
    await render(report, sink, {
      format: g.format,
      table: g.table,
      columns: g.columns,
      totals: g.totals,
      wide: g.wide,
      bom: g.bom,
      noColor: g.color === false,
      width: g.output === undefined ? terminalWidth() : undefined,
    });
    await sink.close();
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

/**
 * The width stdout's table view fits: $COLUMNS when set (a terminal, or a pipe such as `| less`),
 * else a terminal's own (else 100); undefined for a pipe or file without $COLUMNS (every column).
 */
function terminalWidth(): number | undefined {
  const c = Number(process.env.COLUMNS);
  if (process.env.COLUMNS && Number.isInteger(c) && c > 0) return c;
  if (!process.stdout.isTTY) return undefined;
  return process.stdout.columns || 100;
}

/** Write plain text (not a table) to stdout or -o, with the same atomic file handling. */
export async function writeText(
  opts: Pick<Globals, 'output' | 'config'>,
  text: string,
): Promise<void> {
  const { fileSink, stdoutSink, inputFiles } = await import('../runtime/output.js');
  const sink = opts.output !== undefined ? fileSink(opts.output, inputFiles(opts)) : stdoutSink();
  try {
    await sink.write(text);
    await sink.close();
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

/** A progress bar on stderr for long computations, only on a terminal; it clears itself when done. */
function progressBar(
  label: string,
  total: number,
): { update: (n: number) => void; stop: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  let bar: import('cli-progress').SingleBar | undefined;
  let done = 0;
  const ready = import('cli-progress').then(({ default: cliProgress }) => {
    bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: `${label} [{bar}] {percentage}% | {value}/{total}`,
        hideCursor: true,
        clearOnComplete: true,
        formatValue: (v: number) => v.toLocaleString('en-US'),
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, done);
  });
  ready.catch(() => undefined);
  return {
    update: (n) => {
      done = n;
      bar?.update(n);
    },
    stop: () => {
      if (bar) {
        bar.stop();
      }
    },
  };
}

/** What builders get from the CLI: a progress bar and warnings on stderr, worker threads. */
const envOf = (g: Globals): BuildEnv => ({
  progress: (label, total) => progressBar(label, total),
  warn: (msg) => void process.stderr.write(`ai-econ: warning: ${msg}\n`),
  checkFirst: g.output === undefined,
  exec: threads,
});

/**
 * Threads a sweep may use by default: the CPUs Slurm gave this task (SLURM_CPUS_PER_TASK), else
 * the machine's cores.
 */
export function defaultJobs(
  env: NodeJS.ProcessEnv = process.env,
  cores = availableParallelism(),
): number {
  const slurm = Number(env.SLURM_CPUS_PER_TASK);
  return Number.isInteger(slurm) && slurm >= 1 ? Math.min(slurm, cores) : cores;
}

/** What a tool command's action gets (src/commands/command.ts): the CLI's globals, files and output. */
export function shellOf(g: Globals): Shell {
  const env = envOf(g);
  return {
    globals: g,
    env,
    model: (config) => modelOf({ ...g, config: config ?? g.config }),
    configFile: () => configFile(g.config),
    emit: (build) => runWith(g, (ctx) => build(ctx.env)),
    write: (text, file) => writeText({ ...g, output: file ?? g.output }, text),
    checkOutput: (also = []) => {
      if (g.output !== undefined)
        checkOutputPath(g.output, [...inputFiles(g), configFile(g.config), ...also]);
    },
    tell: (message) => void process.stderr.write(`${message}\n`),
    exists: (file) => existsSync(file),
    page: async (r, format) => {
      const page = await import('../render/page.js');
      if (format === 'html') return writeText(g, await page.reportHtml(r));
      await writeFiles(g.output!, await page.reportMd(r));
    },
    paramText: async () => {
      const { readParamText } = await import('../params/load.js');
      const file = configFile(g.config);
      return { ...readParamText(file), ...(file !== undefined ? { file } : {}) };
    },
    playPage: async (data) => {
      const [{ playHtml }, { playScript }] = await Promise.all([
        import('../render/play/html.js'),
        import('../runtime/play.js'),
      ]);
      await writeText(g, playHtml(data, playScript()));
    },
    checkFolder: () => checkFolder(g.output!),
    cores: () => defaultJobs(),
    parse: async (spec, words, name) => parseOptions(spec, rawOptionsOf(spec, words, name)),
    raw: (spec, words, name) => rawOptionsOf(spec, words, name),
  };
}
