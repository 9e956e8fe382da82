#!/usr/bin/env python3
"""Turns bench/run.sh's JSON lines into a Markdown table with each scenario's ratio to its ceiling."""
import json, sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
api_rss, consumer_rss, worker_rss = sys.argv[2:5]
ceilings = {"1. GET /products/{id}": "ceiling: bare Kestrel", "2. GET /products?limit=20": "ceiling: bare Kestrel",
            "3. POST /orders": "ceiling: raw Npgsql order"}
by = {(r["scenario"], r["connections"]): r["result"] for r in rows}

print("| scenario | connections | req/s | p50 ms | p99 ms | errors | ratio to ceiling |")
print("|---|---:|---:|---:|---:|---:|---:|")
for scenario in ["ceiling: bare Kestrel", "1. GET /products/{id}", "2. GET /products?limit=20",
                 "ceiling: raw Npgsql order", "3. POST /orders"]:
    for (name, connections), r in sorted(by.items(), key=lambda item: item[0][1]):
        if name != scenario:
            continue
        ceiling = by.get((ceilings.get(name), connections))
        ratio = f"{r['rps'] / ceiling['rps']:.0%}" if ceiling and ceiling["rps"] else ""
        print(f"| {name} | {connections} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['errors']} | {ratio} |")
print()
for name in ["1. GET /products/{id}", "2. GET /products?limit=20", "3. POST /orders"]:
    levels = [by[(name, c)]["rps"] for c in (16, 64, 256) if (name, c) in by]
    if levels:
        print(f"- {name}: throughput at 256 connections is {levels[-1] / max(levels):.0%} of its best level")
print(f"- Peak RSS: API {api_rss} MB, order consumer {consumer_rss} MB, payment worker {worker_rss} MB")
