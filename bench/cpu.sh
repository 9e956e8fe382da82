#!/usr/bin/env bash
# Prints the CPU seconds each group of processes has used so far (all PostgreSQL backends as one group). Run it before
# and after a load, for example a PipelineDriver run against bench/run.sh's system, and divide the difference by the
# orders placed: that is each process's CPU per order.
# Usage: bench/cpu.sh > before; ...load...; bench/cpu.sh > after; join before after | awk '{ print $1, $3 - $2 }'
for stat in /proc/[0-9]*/stat; do
  dir=${stat%/stat}
  comm=$(cat "$dir/comm" 2>/dev/null) || continue
  ticks=$(cut -d')' -f2 "$stat" 2>/dev/null | awk '{ print $12 + $13 }') || continue
  echo "$comm $ticks"
done | awk -v hz="$(getconf CLK_TCK)" '{ group = $1 ~ /^postgres/ ? "postgres" : $1; total[group] += $2 }
  END { for (group in total) if (total[group] > 0) print group, total[group] / hz }' | sort
