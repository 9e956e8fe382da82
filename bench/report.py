#!/usr/bin/env python3
"""Turns bench/run.sh's JSON lines into Markdown tables, each scenario with its ratio to its ceiling, and checks the
targets. Usage: report.py RESULTS.jsonl API_RSS_MB CONSUMER_RSS_MB WORKER_RSS_MB
       report.py --keeps-up RESULTS.jsonl SCENARIO LEVEL   (exit status 0 when that run paid every order and at least
                                                            80 % of its offered rate: a higher rate may still show more)"""
import json, sys

def sustains(r, level):
    """Every order paid, at the offered rate, with p99 order-to-paid under 1 s."""
    return r["errors"] == 0 and r["paid"] == r["requests"] and r["paid_rps"] >= 0.95 * level and r["p99_ms"] < 1000

def keeps_up(r, level):
    return r["errors"] == 0 and r["paid"] == r["requests"] and r["paid_rps"] >= 0.8 * level

if sys.argv[1] == "--keeps-up":
    runs = [json.loads(line) for line in open(sys.argv[2]) if line.strip()]
    level = int(sys.argv[4])
    sys.exit(0 if any(r["scenario"] == sys.argv[3] and r["level"] == level and keeps_up(r["result"], level) for r in runs) else 1)

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
api_rss, consumer_rss, worker_rss = (int(v) for v in sys.argv[2:5])
by = {(r["scenario"], r["level"]): r["result"] for r in rows}
KESTREL, NPGSQL = "ceiling: bare Kestrel", "ceiling: raw Npgsql order"
PRODUCT, LIST, ORDERS, PIPELINE = "1. GET /products/{id}", "2. GET /products?limit=20", "3. POST /orders", "4. pipeline"
FLOOD, FLOODED_READS = "5. sign-in flood", "5. GET /products/{id} during the flood"
SEARCH_CEILING, SEARCH, CART, CART_FLOW = "ceiling: raw Npgsql search", "6. GET /products?search=", "7. GET /cart", "8. cart to paid"
ceilings = {PRODUCT: KESTREL, LIST: KESTREL, ORDERS: NPGSQL, SEARCH: SEARCH_CEILING, CART: KESTREL}

def levels(name):
    return sorted(level for scenario, level in by if scenario == name)

def ratio(name, level):
    ceiling = by.get((ceilings.get(name), level))
    return by[(name, level)]["rps"] / ceiling["rps"] if ceiling and ceiling["rps"] else None

def percent(value):
    return "" if value is None else f"{value:.0%}"

print("| scenario | connections | req/s | p50 ms | p99 ms | errors | ratio to ceiling |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name in [KESTREL, PRODUCT, LIST, NPGSQL, ORDERS, SEARCH_CEILING, SEARCH, CART]:
    for level in levels(name):
        r = by[(name, level)]
        print(f"| {name} | {level} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['errors']} | {percent(ratio(name, level))} |")

for flow in [PIPELINE, CART_FLOW]:
    if levels(flow):
        print()
        print(f"| {flow}: offered orders/s | orders | paid | paid orders/s | order-to-paid p50 ms | p95 ms | p99 ms | errors | webhooks sent, left, p99 ms |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for level in levels(flow):
            r = by[(flow, level)]
            hooks = f"{r['webhook_deliveries']}, {r['webhook_pending']}, {r['webhook_p99_ms']:.0f}" if r.get("webhook_deliveries") is not None else ""
            print(f"| {level} | {r['requests']} | {r['paid']} | {r['paid_rps']:.0f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {r['errors']} | {hooks} |")

if levels(FLOOD):
    print()
    print("| 5. sign-in flood | connections | req/s | refused (429) | p99 ms | errors (5xx, transport) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in [FLOOD, FLOODED_READS]:
        for level in levels(name):
            r = by[(name, level)]
            print(f"| {name} | {level} | {r['rps']:.0f} | {r.get('refused', '')} | {r['p99_ms']:.2f} | {r['errors']} |")

checks = []
def check(passed, text):
    checks.append(f"- {'met' if passed else '**missed**'}: {text}")

if levels(PRODUCT):
    worst = min(ratio(PRODUCT, level) or 0 for level in levels(PRODUCT))
    check(worst >= 0.5, f"cached product reads at least 50% of bare Kestrel at every level (lowest {worst:.0%})")
if levels(ORDERS):
    worst = min(ratio(ORDERS, level) or 0 for level in levels(ORDERS))
    check(worst >= 0.5, f"order creation at least 50% of raw Npgsql at every level (lowest {worst:.0%})")
for name in [PRODUCT, LIST, ORDERS]:
    if 256 in levels(name):
        best = max(by[(name, level)]["rps"] for level in levels(name))
        kept = by[(name, 256)]["rps"] / best
        check(kept >= 0.8, f"{name}: throughput at 256 connections is {kept:.0%} of its best level (at least 80%)")
if levels(PIPELINE):
    knee = max((level for level in levels(PIPELINE) if sustains(by[(PIPELINE, level)], level)), default=0)
    creation = by.get((ORDERS, 64), {}).get("rps")
    share = knee / creation if creation else None
    check(knee >= 1000 and share is not None and share >= 0.25,
          f"pipeline sustains at least 1,000 orders/s, every order paid, p99 order-to-paid under 1 s, and at least a quarter of "
          f"order creation at 64 connections (knee {knee} orders/s" + (f", {share:.0%} of {creation:.0f} orders/s)" if share is not None else ")"))
if (PIPELINE, 200) in by and by[(PIPELINE, 200)].get("webhook_deliveries") is not None:
    r = by[(PIPELINE, 200)]
    check(r["webhook_pending"] == 0 and r["webhook_p99_ms"] < 1000,
          f"webhook deliveries keep up with the pipeline at 200 orders/s: none left, p99 from event to delivery under 1 s "
          f"({r['webhook_deliveries']} sent, {r['webhook_pending']} left, p99 {r['webhook_p99_ms']:.0f} ms)")
if levels(FLOODED_READS) and (PRODUCT, 64) in by:
    kept = by[(FLOODED_READS, 64)]["rps"] / by[(PRODUCT, 64)]["rps"]
    check(kept >= 0.8, f"cached reads during a sign-in flood keep at least 80% of their throughput without it ({kept:.0%})")
if (SEARCH, 64) in by:
    r = by[(SEARCH, 64)]
    check(r["p99_ms"] < 50 and (ratio(SEARCH, 64) or 0) >= 0.5,
          f"search at 64 connections: p99 under 50 ms ({r['p99_ms']:.1f} ms) and at least 50% of raw Npgsql ({percent(ratio(SEARCH, 64))})")
if (CART, 64) in by:
    check((ratio(CART, 64) or 0) >= 0.4, f"GET /cart at least 40% of bare Kestrel ({percent(ratio(CART, 64))})")
if levels(CART_FLOW):
    rate = max(levels(CART_FLOW))
    r = by[(CART_FLOW, rate)]
    check(sustains(r, rate),
          f"cart to paid at {rate} orders/s: every order paid, at the offered rate, p99 order-to-paid under 1 s "
          f"({r['paid_rps']:.0f} paid/s, p99 {r['p99_ms']:.0f} ms)")
errors = sum(r["errors"] for (name, _), r in by.items() if not name.startswith("ceiling"))
check(errors == 0, f"no errors in any API scenario ({errors})")
check(api_rss < 300, f"API peak RSS under 300 MB ({api_rss} MB; order consumer {consumer_rss} MB, payment worker {worker_rss} MB)")
print()
print("\n".join(checks))
