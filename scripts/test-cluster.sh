#!/usr/bin/env bash
# npm run test:cluster: the scale-out recipes of docs/scale-out.md run as printed, on real engines.
#
# Installs ai-econ outside the checkout (npm pack, then npm install -g of the tarball into a
# temporary prefix), starts a private single-node Slurm cluster (munged, slurmctld, slurmd on
# localhost, own key, ports, state and config: nothing under /etc is touched), submits
# examples/slurm/submit.sh and sweep.sbatch unchanged and compares the merged file byte for byte
# with the unsharded run; then makes one task fail (its output path is a folder, so -o fails) and
# one task be cancelled, checks that the merge exits 2 naming the shard and its points, re-runs only
# that task and compares again. The same for examples/parallel.sh; the Kubernetes files are checked
# by scripts/check-k8s.mjs (no engine here). Needs root (apt-get, the daemons); installs
# slurm-wlm, munge and parallel with apt-get when absent. Every daemon is stopped by its PID at the
# end, also on failure. One line per check, then "N passed, N failed".
#
# The sweep comes from TEST_SWEEP (default: 44 points of burn, 200 runs each); the shard counts are
# the recipes' own (16 for Slurm: its #SBATCH --array line; 8 for parallel.sh).
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
export NO_COLOR=1
SWEEP=${TEST_SWEEP:-sweep burn --vary projection.revenue.startUsd=1M..4M:1M --vary projection.revenue.growth=0%..10%:1% --runs 200 --seed 7}
export SWEEP

passed=0
failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
notok() { echo "not ok - $*"; failed=$((failed + 1)); }
# check DESCRIPTION COMMAND...: one line, ok when the command succeeds.
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; else notok "$what"; fi
}
# verdict STATUS DESCRIPTION: one line, ok when STATUS is 0 (for checks of more than one command).
verdict() {
  local st=$1
  shift
  if [ "$st" -eq 0 ]; then ok "$*"; else notok "$*"; fi
  return "$st"
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
started=$(now)

T=$(mktemp -d /tmp/ai-econ-cluster.XXXXXX)
chmod 755 "$T" # munged wants every directory above its socket searchable by all
# Every Slurm command of the test talks to the private cluster only, never to one of the machine's.
export SLURM_CONF="$T/slurm.conf"
pids=()        # munged, slurmctld, slurmd, in start order

finish() {
  local rc=$?
  if [ ${#pids[@]} -gt 0 ]; then
    [ -f "$SLURM_CONF" ] && scancel --user=root >/dev/null 2>&1 # the private cluster: our jobs only
    for _ in $(seq 20); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.5; done
    local i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do # slurmd, slurmctld, then munged
      kill -TERM "${pids[i]}" 2>/dev/null
      for _ in $(seq 40); do kill -0 "${pids[i]}" 2>/dev/null || break; sleep 0.25; done
      kill -KILL "${pids[i]}" 2>/dev/null
      wait "${pids[i]}" 2>/dev/null
    done
  fi
  if [ "$failed" -eq 0 ] && [ "$rc" -eq 0 ]; then
    rm -rf "$T"
  else
    echo "# kept $T (daemon logs in $T/log)"
  fi
  echo "# took $(since "$started") s"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$rc" -eq 0 ]
}
trap finish EXIT
trap 'notok "interrupted"; exit 130' INT TERM

# Stops the test here: what follows needs what just failed.
fatal() {
  notok "$*"
  exit 1
}

if [ "$(id -u)" -ne 0 ]; then fatal "runs as root (apt-get, munged, slurmctld, slurmd)"; fi

# --- packages ---------------------------------------------------------------------------------
need=(munged mungekey slurmctld slurmd sbatch squeue scontrol scancel sinfo parallel)
missing=()
for c in "${need[@]}"; do command -v "$c" >/dev/null || missing+=("$c"); done
if [ ${#missing[@]} -gt 0 ]; then
  t=$(now)
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge parallel) >"$T/apt.log" 2>&1; then
    ok "installed slurm-wlm, munge, parallel with apt-get ($(since "$t") s; ${missing[*]} were missing)"
  else
    tail -n 20 "$T/apt.log" | sed 's/^/# /'
    fatal "apt-get install slurm-wlm munge parallel"
  fi
else
  ok "slurm-wlm, munge and parallel are installed ($(slurmctld -V))"
fi

# --- ai-econ, installed outside the checkout as docs/scale-out.md says --------------------------
t=$(now)
if tgz=$(cd "$repo" && npm pack --silent --pack-destination "$T" 2>"$T/pack.log" | tail -n 1) &&
  npm install -g --prefix "$T/ai-econ" --no-audit --no-fund "$T/$tgz" >"$T/install.log" 2>&1; then
  export PATH="$T/ai-econ/bin:$PATH"
  mkdir -p "$T/work"
  cd "$T/work" || exit 1
  if [ "$(command -v ai-econ)" = "$T/ai-econ/bin/ai-econ" ] && ai-econ --version >/dev/null; then
    ok "npm pack + npm install -g --prefix of the tarball: bare ai-econ on PATH, outside the checkout ($(since "$t") s)"
  else
    fatal "ai-econ from the installed tarball runs"
  fi
else
  cat "$T/pack.log" "$T/install.log" | tail -n 20 | sed 's/^/# /'
  fatal "npm pack + npm install -g of the tarball"
fi
t=$(now)
npm install -g --prefix "$T/link" --no-audit --no-fund "$repo" >"$T/link.log" 2>&1 && "$T/link/bin/ai-econ" --version >/dev/null
verdict $? "npm install -g of the checkout (a link to it, like npm link) gives a working ai-econ too ($(since "$t") s)"

# --- the unsharded run: what every recipe must give, byte for byte --------------------------------
t=$(now)
set -f
ai-econ $SWEEP -f csv -o "$T/full.csv" 2>"$T/full.err"
rc=$?
set +f
points=$(($(wc -l <"$T/full.csv") - 1))
if [ "$rc" -eq 0 ] && [ "$points" -gt 0 ]; then
  ok "unsharded run: $points points in $(since "$t") s (sha256 $(sha256sum <"$T/full.csv" | cut -c1-16)…)"
else
  sed 's/^/# /' "$T/full.err"
  fatal "unsharded run: ai-econ $SWEEP"
fi
# same FILE: byte for byte the unsharded output.
same() { [ -f "$1" ] && cmp -s "$1" "$T/full.csv"; }
# The points of shard K of N: i ≡ K (mod N), as merge lists them.
points_of() { seq "$1" "$2" $((points - 1)) | paste -sd, - | sed 's/,/, /g'; }

# --- a private Slurm cluster on localhost ---------------------------------------------------------
t=$(now)
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
ctld_port=$(free_port)
d_port=$(free_port)
while [ "$d_port" = "$ctld_port" ]; do d_port=$(free_port); done
mkdir -p "$T/munge" "$T/state" "$T/spool" "$T/log"
chmod 755 "$T/munge"
mungekey -c -k "$T/munge/munge.key" || fatal "mungekey -c"
munged -F -S "$T/munge/sock" --key-file="$T/munge/munge.key" --pid-file="$T/munge/pid" \
  --seed-file="$T/munge/seed" --log-file="$T/log/munged.log" >>"$T/log/munged.log" 2>&1 &
pids+=($!)
# Accounting, job-accounting gathering and MPI are left out: their defaults are none.
cat >"$T/slurm.conf" <<EOF
ClusterName=aiecontest
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$T/munge/sock
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MailProg=/bin/true
MaxArraySize=1001
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
for _ in $(seq 40); do [ -S "$T/munge/sock" ] && break; sleep 0.25; done
slurmctld -D -i >>"$T/log/slurmctld.err" 2>&1 &
pids+=($!)
slurmd -D -N localhost >>"$T/log/slurmd.err" 2>&1 &
pids+=($!)
state=
for _ in $(seq 120); do
  state=$(sinfo -h -o %t 2>/dev/null)
  [ "$state" = idle ] && break
  sleep 0.5
done
if [ "$state" = idle ]; then
  ok "slurm $(sinfo -V | cut -d' ' -f2) up: munged, slurmctld, slurmd on localhost, node idle after $(since "$t") s"
else
  tail -n 5 "$T/log/slurmctld.err" "$T/log/slurmd.err" | sed 's/^/# /'
  fatal "slurm node idle (sinfo says '$state')"
fi

# Waits (at most 10 min) until job $1 has left the queue's active states; prints its JobState.
wait_job() {
  local s
  for _ in $(seq 1200); do
    s=$(scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)
    case "$s" in PENDING | RUNNING | CONFIGURING | COMPLETING | SUSPENDED | "") sleep 0.5 ;; *) break ;; esac
  done
  echo "$s"
}
# submit DIR [TASKS]: examples/slurm/submit.sh from DIR (OUT=DIR/out); sets $array_job, $merge_job.
submit() {
  local dir=$1
  shift
  (cd "$dir" && OUT="$dir/out" "$repo/examples/slurm/submit.sh" "$@") >"$dir/submit.log" 2>&1
  local line
  line=$(cat "$dir/submit.log")
  array_job=$(sed -nE 's/^array job ([0-9]+), then merge job ([0-9]+).*/\1/p' <<<"$line")
  merge_job=$(sed -nE 's/^array job ([0-9]+), then merge job ([0-9]+).*/\2/p' <<<"$line")
  [ -n "$array_job" ] && [ -n "$merge_job" ] || { sed 's/^/# /' "$dir/submit.log"; return 1; }
}
# task_states JOB: "K=STATE" for each array task, sorted by K.
task_states() {
  scontrol -o show job "$1" 2>/dev/null | sed -nE 's/.*ArrayTaskId=([0-9]+) .*JobState=([A-Z_]+) .*/\1=\2/p' | sort -n
}
merge_exit() { scontrol -o show job "$1" 2>/dev/null | grep -o ' ExitCode=[0-9]*' | cut -d= -f2; }
last=$(sed -n 's/^#SBATCH --array=0-\([0-9][0-9]*\).*/\1/p' "$repo/examples/slurm/sweep.sbatch")
shards=$((last + 1))

# 1. The whole array, then the merge.
t=$(now)
d="$T/slurm-all"
mkdir -p "$d"
if submit "$d"; then
  s=$(wait_job "$merge_job")
  n_done=$(task_states "$array_job" | grep -c '=COMPLETED$')
  check "slurm: sbatch --array=0-$last: $n_done of $shards tasks COMPLETED" [ "$n_done" -eq "$shards" ]
  check "slurm: each task ran with --jobs 1 (SLURM_CPUS_PER_TASK from --cpus-per-task=1)" \
    bash -c "[ \$(grep -l -- '--jobs 1 --shard' '$d'/ai-econ-sweep-${array_job}_*.out | wc -l) -eq $shards ]"
  check "slurm: merge job (afterany) $s, exit $(merge_exit "$merge_job")" [ "$s" = COMPLETED ]
  check "slurm: merged out/sweep.csv is byte-identical to the unsharded run ($shards shards, $(since "$t") s)" same "$d/out/sweep.csv"
else
  notok "slurm: examples/slurm/submit.sh"
fi

# 2. A task that fails (its output path is a folder): merge exits 2 naming it; re-run that task.
# expect_states K STATE: "0=COMPLETED 1=COMPLETED ... K=STATE ..." for every task of the array.
expect_states() { for i in $(seq 0 "$last"); do if [ "$i" -eq "$1" ]; then echo "$i=$2"; else echo "$i=COMPLETED"; fi; done; }
t=$(now)
d="$T/slurm-fail"
k=5
mkdir -p "$d/out/shard-$k.jsonl"
if submit "$d"; then
  s=$(wait_job "$merge_job")
  got=$(task_states "$array_job" | tr '\n' ' ')
  [ "$got" = "$(expect_states $k FAILED | tr '\n' ' ')" ]
  verdict $? "slurm: task $k FAILED, the other $((shards - 1)) COMPLETED" || echo "# task states: $got"
  check "slurm: task $k's log says why (shard-$k.jsonl is a folder)" grep -q "shard-$k.jsonl is a folder" "$d/ai-econ-sweep-${array_job}_$k.out"
  log="$d/ai-econ-merge-$merge_job.out"
  [ "$s" = FAILED ] && [ "$(merge_exit "$merge_job")" = 2 ] && grep -q "shard-$k.jsonl" "$log" && [ ! -e "$d/out/sweep.csv" ]
  verdict $? "slurm: merge ran all the same (afterany), exited 2 naming shard-$k.jsonl, wrote no sweep.csv ($(grep -o 'sweep merge: .*' "$log" | sed "s|$d/||"))"
  rmdir "$d/out/shard-$k.jsonl"
  t2=$(now)
  if submit "$d" "$k"; then
    s=$(wait_job "$merge_job")
    [ "$(task_states "$array_job")" = "$k=COMPLETED" ] && [ "$s" = COMPLETED ] && same "$d/out/sweep.csv"
    verdict $? "slurm: re-run of task $k alone (submit.sh $k: sbatch --array=$k), then merge: byte-identical to the unsharded run (re-run $(since "$t2") s, all $(since "$t") s)"
  else
    notok "slurm: examples/slurm/submit.sh $k"
  fi
else
  notok "slurm: examples/slurm/submit.sh (failing task)"
fi

# 3. A task cancelled before it ran: merge exits 2 naming its shard and points; re-run that task.
t=$(now)
d="$T/slurm-cancel"
k=11
mkdir -p "$d"
scontrol update PartitionName=debug State=DOWN # so that the task is still pending when cancelled
if submit "$d"; then
  scancel "${array_job}_$k"
  scontrol update PartitionName=debug State=UP
  s=$(wait_job "$merge_job")
  # A pending task that is cancelled leaves the array without a record of its own.
  got=$(task_states "$array_job" | tr '\n' ' ')
  [ "$got" = "$(expect_states $k COMPLETED | grep -v "^$k=" | tr '\n' ' ')" ]
  verdict $? "slurm: task $k cancelled while pending (scancel ${array_job}_$k), the other $((shards - 1)) COMPLETED" || echo "# task states: $got"
  log="$d/ai-econ-merge-$merge_job.out"
  want="points missing: $(points_of $k $shards) (no file for shard $k/$shards)"
  [ "$s" = FAILED ] && [ "$(merge_exit "$merge_job")" = 2 ] && grep -qF "$want" "$log" && [ ! -e "$d/out/sweep.csv" ]
  verdict $? "slurm: merge exited 2 naming the shard and its points, wrote no sweep.csv ($(grep -o 'sweep merge: .*' "$log"))"
  if submit "$d" "$k"; then
    s=$(wait_job "$merge_job")
    [ "$s" = COMPLETED ] && same "$d/out/sweep.csv"
    verdict $? "slurm: after re-running task $k alone, sweep.csv is byte-identical to the unsharded run ($(since "$t") s)"
  else
    notok "slurm: examples/slurm/submit.sh $k"
  fi
else
  scontrol update PartitionName=debug State=UP
  notok "slurm: examples/slurm/submit.sh (cancelled task)"
fi

# --- GNU parallel ---------------------------------------------------------------------------------
t=$(now)
d="$T/parallel-all"
mkdir -p "$d"
(cd "$d" && OUT="$d/out" "$repo/examples/parallel.sh") >"$d/log" 2>&1
rc=$?
[ "$rc" -eq 0 ] && same "$d/out/sweep.csv"
verdict $? "parallel: examples/parallel.sh exit $rc, sweep.csv byte-identical to the unsharded run ($(ls "$d/out" | grep -c '^shard-') shards, $(since "$t") s)"

t=$(now)
d="$T/parallel-fail"
k=3
mkdir -p "$d/out/shard-$k.jsonl"
(cd "$d" && OUT="$d/out" "$repo/examples/parallel.sh") >"$d/log" 2>&1
rc=$?
[ "$rc" -eq 2 ] && grep -q "sweep merge: .*shard-$k.jsonl" "$d/log" && [ ! -e "$d/out/sweep.csv" ]
verdict $? "parallel: shard $k failing (its output path is a folder): exit $rc, merge names shard-$k.jsonl, no sweep.csv"
rmdir "$d/out/shard-$k.jsonl"
(cd "$d" && OUT="$d/out" "$repo/examples/parallel.sh" "$k") >"$d/log2" 2>&1
rc=$?
[ "$rc" -eq 0 ] && same "$d/out/sweep.csv"
verdict $? "parallel: after examples/parallel.sh $k (that shard alone), sweep.csv byte-identical to the unsharded run ($(since "$t") s)"

# --- Kubernetes (no engine here: the files' fields, and their commands run as a pod would) --------
while IFS= read -r line; do
  case "$line" in
  "ok - "*) ok "${line#ok - }" ;;
  "not ok - "*) notok "${line#not ok - }" ;;
  *) echo "$line" ;;
  esac
done < <(node "$repo/scripts/check-k8s.mjs" "$T/k8s" "$T/full.csv" 2>&1 || echo "not ok - scripts/check-k8s.mjs exited $?")

# --- the docs show the files as they are ------------------------------------------------------------
check "docs/scale-out.md shows each recipe file as it is (node scripts/docs-files.mjs --check)" \
  node "$repo/scripts/docs-files.mjs" --check
