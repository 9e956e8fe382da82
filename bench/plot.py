#!/usr/bin/python3
"""Draws each scenario's ratio to its ceiling across the saved results, one line per scenario and level, into
bench/results/ratios.svg. Uses Debian's matplotlib (python3-matplotlib). Usage: plot.py [RESULTS_DIR]"""
import pathlib, re, sys

import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt

results = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results")
row = re.compile(r"^\| (?P<scenario>[1-7]\. [^|]+?) \| (?P<level>\d+) \|.*\| (?P<ratio>\d+)% \|$")
runs, series = [], {}
for index, path in enumerate(sorted(results.glob("*.md"))):
    runs.append(path.stem[5:15].replace("T", " "))
    for line in path.read_text().splitlines():
        if match := row.match(line):
            key = f"{match['scenario']} @{match['level']}"
            series.setdefault(key, []).append((index, int(match["ratio"])))

figure, axes = plt.subplots(figsize=(12, 6))
for key, points in sorted(series.items()):
    axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", markersize=3, label=key)
axes.axhline(50, color="grey", linestyle="--", linewidth=0.8)
axes.set_xticks(range(len(runs)), runs, rotation=70, fontsize=7)
axes.set_ylabel("% of the ceiling measured in the same run")
axes.set_title("bench/run.sh: each scenario's ratio to its ceiling, run by run")
axes.legend(fontsize=7, ncol=3)
figure.tight_layout()
figure.savefig(results / "ratios.svg")
print(results / "ratios.svg")
