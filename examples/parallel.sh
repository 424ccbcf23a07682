#!/usr/bin/env bash
# An ai-econ sweep as SHARDS shards run by GNU parallel (on this machine; add --sshlogin to use
# others that see $OUT), then merged into $OUT/sweep.csv, exactly what the sweep prints unsharded.
#   examples/parallel.sh          every shard, then the merge
#   examples/parallel.sh 3        only shard 3 (or 3 5 ...), then the merge again: how to re-run
#                                 a shard that failed
# Exits with the merge's status: 2 when a shard is missing (it names the shards and points).
set -euo pipefail

# The one place the shard count is set (keep it until the sweep is merged), what to sweep (split at
# spaces, never globbed: no quotes inside) and where the shards go. The environment overrides them.
SHARDS=${SHARDS:-8}
SWEEP=${SWEEP:-sweep burn --vary projection.revenue.startUsd=0.5M..10M:0.5M --vary projection.revenue.growth=0%..10%:0.1% --runs 1000 --seed 7}
OUT=${OUT:-$PWD/sweep-out}

mkdir -p "$OUT"
set -f
read -ra sweep <<<"$SWEEP"
set +f
if [ $# -gt 0 ]; then tasks=("$@"); else tasks=($(seq 0 $((SHARDS - 1)))); fi

# One thread per shard, as many shards at once as there are cores (parallel's default). -q passes
# each argument as it is; -o writes a shard only once it is complete, so a failed one leaves no file.
parallel -q ai-econ "${sweep[@]}" --jobs 1 --shard "{}/$SHARDS" -o "$OUT/shard-{}.jsonl" ::: "${tasks[@]}" ||
  echo "parallel: $? shard(s) failed; merging names what is missing" >&2

ai-econ sweep merge "$OUT"/shard-*.jsonl -f csv -o "$OUT/sweep.csv"
echo "wrote $OUT/sweep.csv" >&2
