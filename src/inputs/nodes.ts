/**
 * Node lists for `ai-econ rewards`: from a CSV or YAML file (--nodes) or the parameter file's
 * `nodes:`. One zod schema (NodeSchema) checks every source; errors name the file and the row and
 * column (CSV) or line:col (YAML).
 */
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { toUnits } from '../core/amount.js';
import type { EpochNode } from '../core/rewards.js';
import {
  NODE_ALIASES,
  NODE_COLUMNS,
  NODE_REQUIRED,
  NodeSchema,
  NodesSchema,
  type NodeInput,
} from '../params/schema/rewards.js';
import { readCsvFile, readFileText } from './csvfile.js';
import { ParamFileError, parseYaml, zodProblems } from '../params/load.js';
import type { Model } from '../params/model.js';
import { nodeProblems } from '../params/rules.js';

type Fail = (i: number, col: string, msg: string) => InputError;

/** Validated node inputs to epoch nodes: stakes in base units; ids unique; compute nodes need tasks and quality (rules.ts). */
export function toEpochNodes(
  nodes: readonly NodeInput[],
  decimals: number,
  fail: Fail,
): EpochNode[] {
  const bad = nodeProblems(nodes, decimals)[0];
  if (bad) throw fail(bad.i, bad.col, bad.message);
  return nodes.map((n) => {
    const stake = toUnits(n.stake, decimals, 'stake');
    return {
      id: n.id,
      role: n.role,
      stake,
      tasks: n.tasks ?? 0n,
      quality: n.quality ?? { n: 1n, d: 1n },
      uptime: n.uptime,
      failedChecks: n.failed_checks ?? 0n,
      verifications: n.verifications,
    };
  });
}

function fromCsv(file: string, decimals: number): EpochNode[] {
  const rows = readCsvFile(file, '--nodes', NODE_COLUMNS, NODE_REQUIRED, NODE_ALIASES);
  const inputs = rows.map((r) => {
    const cells = Object.fromEntries(Object.entries(r.cells).filter(([, v]) => v !== ''));
    const parsed = NodeSchema.safeParse(cells);
    if (!parsed.success) {
      const iss = parsed.error.issues[0]!;
      throw r.error(String(iss.path[0]! ?? 'id'), iss.message);
    }
    return parsed.data;
  });
  return toEpochNodes(inputs, decimals, (i, col, msg) => rows[i]!.error(col, msg));
}

function fromYaml(file: string, decimals: number): EpochNode[] {
  const text = readFileText(file, '--nodes');
  const { raw, src } = parseYaml(text, file, {
    what: 'a list of nodes (or a mapping with nodes:)',
    shape: 'either',
  });
  const wrapped = !Array.isArray(raw);
  const root = wrapped ? z.strictObject({ nodes: NodesSchema }) : NodesSchema;
  const parsed = root.safeParse(raw);
  if (!parsed.success)
    throw new ParamFileError(
      zodProblems(src, src, parsed.error.issues, root, { aliases: NODE_ALIASES }),
    );
  const list = wrapped
    ? (parsed.data as { nodes: NodeInput[] }).nodes
    : (parsed.data as NodeInput[]);
  const prefix = wrapped ? ['nodes'] : [];
  return toEpochNodes(
    list,
    decimals,
    (i, col, msg) => new ParamFileError([src.problem([...prefix, i, col], msg)]),
  );
}

/** Nodes from --nodes FILE (.csv, or .yaml/.yml), else the parameter file's `nodes:`. */
export function loadNodes(m: Model, file?: string): EpochNode[] {
  if (file) return /\.ya?ml$/i.test(file) ? fromYaml(file, m.decimals) : fromCsv(file, m.decimals);
  const nodes = m.params.nodes;
  if (!nodes || nodes.length === 0)
    throw new InputError(`${m.file} has no nodes list; give --nodes FILE (CSV or YAML)`);
  return toEpochNodes(nodes, m.decimals, (i, col, msg) => m.errorAt(['nodes', i, col], msg));
}
