#!/usr/bin/env bash
# Submits the sweep's job array, then the merge to run once every task has ended:
#   examples/slurm/submit.sh          every shard, then the merge
#   examples/slurm/submit.sh 5        only task 5 (or 5,9 or 3-4: any sbatch --array list), then
#                                     the merge again: how to re-run a shard that failed
# SWEEP and OUT (see sweep.sbatch) are exported to both jobs; OUT defaults to ./sweep-out, so run
# it from the same directory each time (or export the same OUT).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export OUT=${OUT:-$PWD/sweep-out}
if [ -n "${SWEEP:-}" ]; then export SWEEP; fi
mkdir -p "$OUT"

array=()
if [ $# -gt 0 ]; then array=(--array="$1"); fi
job=$(sbatch --parsable --export=ALL "${array[@]}" "$here/sweep.sbatch")
job=${job%%;*}
merge=$(sbatch --parsable --export=ALL --dependency="afterany:$job" "$here/merge.sbatch")
merge=${merge%%;*}
echo "array job $job, then merge job $merge: $OUT/sweep.csv (its log: ai-econ-merge-$merge.out)"
