#!/usr/bin/env bash
# Runs the sweep on Kubernetes: builds the image, runs the Indexed Job, merges on the volume and
# copies sweep.csv here. With shard numbers, re-runs only those shards, then merges again:
#   examples/k8s/run.sh           everything
#   examples/k8s/run.sh 5         re-run shard 5 (or 5 9 ...), then merge
# IMAGE: where the cluster pulls the image from (default ai-econ:0.1.0, e.g. loaded into kind with
# `kind load docker-image ai-econ:0.1.0`); the script pushes it when IMAGE names a registry.
# Needs bash 4.3 or later (wait -n) and Kubernetes 1.29 or later (backoffLimitPerIndex).
set -euo pipefail
k=$(cd "$(dirname "$0")" && pwd)
IMAGE=${IMAGE:-ai-econ:0.1.0}

# The manifest $1 with the image set to $IMAGE (kubectl set image --local prints nothing when the
# image is already that one, so sed).
manifest() { sed "s|image: ai-econ:0.1.0|image: $IMAGE|" "$k/$1"; }

# Waits until Job $1 has ended (kubectl wait takes one condition: two waits, the first to end
# wins), then says whether it completed (status 0) or failed (1).
ended() {
  kubectl wait --for=condition=complete --timeout=24h "job/$1" >/dev/null 2>&1 &
  local complete=$!
  kubectl wait --for=condition=failed --timeout=24h "job/$1" >/dev/null 2>&1 &
  local failed=$!
  wait -n || true
  kill "$complete" "$failed" 2>/dev/null || true
  [ "$(kubectl get job "$1" -o jsonpath='{.status.conditions[?(@.type=="Complete")].status}')" = True ]
}

if [ $# -eq 0 ]; then
  docker build -f "$k/Dockerfile" -t "$IMAGE" "$k/../.."
  case "$IMAGE" in */*) docker push "$IMAGE" ;; esac
  kubectl apply -f "$k/pvc.yaml"
  kubectl delete job ai-econ-sweep ai-econ-merge --ignore-not-found
  manifest sweep-job.yaml | kubectl apply -f -
  ended ai-econ-sweep || echo "ai-econ-sweep failed on shards $(kubectl get job ai-econ-sweep -o jsonpath='{.status.failedIndexes}')" >&2
else
  for shard in "$@"; do
    kubectl delete job "ai-econ-sweep-$shard" --ignore-not-found
    manifest sweep-job.yaml |
      kubectl patch --local -f - --type merge -o yaml \
        -p "{\"metadata\":{\"name\":\"ai-econ-sweep-$shard\"},\"spec\":{\"completions\":1,\"parallelism\":1,\"maxFailedIndexes\":null}}" |
      kubectl set env --local -f - -c sweep "SHARD=$shard" -o yaml | kubectl apply -f -
  done
  for shard in "$@"; do ended "ai-econ-sweep-$shard" || echo "shard $shard failed again" >&2; done
fi

kubectl delete job ai-econ-merge --ignore-not-found
manifest merge-job.yaml | kubectl apply -f -
if ! ended ai-econ-merge; then
  kubectl logs job/ai-econ-merge >&2   # which shards and points are missing
  exit 2
fi

kubectl delete pod ai-econ-fetch --ignore-not-found
manifest fetch-pod.yaml | kubectl apply -f -
kubectl wait --for=condition=Ready --timeout=10m pod/ai-econ-fetch
kubectl cp ai-econ-fetch:/out/sweep/sweep.csv sweep.csv
kubectl delete pod ai-econ-fetch --wait=false
echo "wrote sweep.csv" >&2
