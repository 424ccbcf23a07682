#!/usr/bin/env python3
"""numpy twin of `ai-econ burn --runs N` for `npm run bench`: the same model, vectorized over runs.

Price: GBM monthly steps p *= exp((mu - sigma^2/2)/12 + sigma*sqrt(1/12)*Z); each month the vault
receives revenue x revenueShare, buys min(vault/price, maxBuyPctOfFloat x float) tokens, and
splits them burn / treasury / execution; circulating = unlocked - burned - treasury holdings.
Bands: p5/p50/p95 (linear, Hyndman-Fan type 7) of circulating, cumulative burned and price, and
the share of runs with net emission <= 0. Inputs (revenue into the vault, unlocks per month,
start price, shares) come from a JSON file the benchmark writes from ai-econ's own projection.
Writes the bands as CSV, like `ai-econ burn --runs N -f csv -o FILE`.
"""
import argparse
import json

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10000)
    ap.add_argument("--months", type=int, default=120)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    inp = json.load(open(a.inputs))
    V = np.asarray(inp["vault_in_usd"][: a.months], dtype=np.float64)
    U = np.asarray(inp["unlocks"][: a.months], dtype=np.float64)
    R, M = a.runs, len(U)
    drift = (inp["mu"] - inp["sigma"] ** 2 / 2) / 12
    vol = inp["sigma"] * np.sqrt(1 / 12)
    rng = np.random.default_rng(a.seed)
    p = np.full(R, inp["p0"])
    vault = np.zeros(R)
    cum_b = np.zeros(R)
    cum_t = np.zeros(R)
    unlocked = inp["unlocked_before"]
    circ = np.empty((M, R))
    burned_cum = np.empty((M, R))
    price = np.empty((M, R))
    defl = np.empty(M)
    for k in range(M):
        if k > 0:
            p = p * np.exp(drift + vol * rng.standard_normal(R))
        unlocked += U[k]
        vault += V[k]
        fl = unlocked - cum_b - cum_t
        bought = np.maximum(np.minimum(vault / p, fl * inp["max_buy"]), 0)
        vault -= bought * p
        burned = bought * inp["burn"]
        cum_b += burned
        cum_t += bought * inp["treasury"]
        circ[k] = unlocked - cum_b - cum_t
        burned_cum[k] = cum_b
        price[k] = p
        defl[k] = np.mean(U[k] - burned <= 0)
    q = [5, 50, 95]
    bc, bb, bp = (np.percentile(x, q, axis=1) for x in (circ, burned_cum, price))
    with open(a.out, "w") as f:
        f.write("month,p5_circulating,p50_circulating,p95_circulating,p5_cumulative_burned,p50_cumulative_burned,"
                "p95_cumulative_burned,p5_price_usd,p50_price_usd,p95_price_usd,p_net_deflation\n")
        for k in range(M):
            f.write(",".join(str(v) for v in (k + 1, *bc[:, k], *bb[:, k], *bp[:, k], defl[k])) + "\n")


if __name__ == "__main__":
    main()
