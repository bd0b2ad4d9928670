#!/usr/bin/env bash
# pollbench: the poll cycle against the bare loop (issue 16's measure).
#
# Runs watchers' BenchmarkPollCycle and BenchmarkBareLoop interleaved, each
# in a process of its own (so each reports its own peak RSS), ROUNDS times
# (default 3), and prints the medians and the ratios newshound : bare loop —
# by the clock (items/s, feeds/s) and by CPU time, which a busy machine
# disturbs less. Then cmd/newshound's BenchmarkFootprint: start-up CPU and
# RSS of commands that read no page, peak RSS of `once` over 1,000 feeds,
# RSS of an idle `run` with 2,000 feeds.
#
#   deploy/pollbench.sh            # from the repository
#   ROUNDS=5 CYCLES=5 deploy/pollbench.sh
#   FOOTPRINT=0 deploy/pollbench.sh   # the ratios only
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
cycles=${CYCLES:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/watchers.test" ./watchers
for round in $(seq "$rounds"); do
  # Each part of a -test.bench pattern matches its level of the name
  # unanchored ("changed$" matches "unchanged" too): anchored both ends.
  for b in 'BareLoop/^changed$' 'PollCycle/^changed$' 'BareLoop/^unchanged$' 'PollCycle/^unchanged$'; do
    (cd watchers && "$tmp/watchers.test" -test.run '^$' -test.bench "^Benchmark$b" -test.benchtime "${cycles}x") |
      grep '^Benchmark' >>"$tmp/results" || { echo "pollbench: Benchmark$b failed" >&2; exit 1; }
  done
  echo "round $round of $rounds done" >&2
done
awk '
function median(key,   n, i, j, t, a) {
  n = count[key]
  for (i = 1; i <= n; i++) a[i] = val[key, i]
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
  name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
  for (i = 3; i < NF; i++) if ($(i + 1) ~ /\/s$|-MB$|cpu-ms\/op$/) { key = name SUBSEP $(i + 1); val[key, ++count[key]] = $i }
}
END {
  printf "%-22s %12s %12s %10s %10s %10s\n", "benchmark (medians)", "items/s", "feeds/s", "cpu-ms", "RSS-MB", "heap-MB"
  split("BareLoop/changed PollCycle/changed BareLoop/unchanged PollCycle/unchanged", names, " ")
  for (k = 1; k <= 4; k++) {
    n = names[k]
    printf "%-22s %12.0f %12.0f %10.0f %10.1f %10.1f\n", n, median(n SUBSEP "items/s"), median(n SUBSEP "feeds/s"), median(n SUBSEP "cpu-ms/op"), median(n SUBSEP "peak-RSS-MB"), median(n SUBSEP "peak-heap-MB")
  }
  printf "\nnewshound : bare loop\n"
  printf "changed feeds, items/s:    %.2fx   (CPU per cycle: %.2fx as fast)\n", median("PollCycle/changed" SUBSEP "items/s") / median("BareLoop/changed" SUBSEP "items/s"), median("BareLoop/changed" SUBSEP "cpu-ms/op") / median("PollCycle/changed" SUBSEP "cpu-ms/op")
  printf "all-304 cycle, feeds/s:    %.2fx   (CPU per cycle: %.2fx as fast)\n", median("PollCycle/unchanged" SUBSEP "feeds/s") / median("BareLoop/unchanged" SUBSEP "feeds/s"), median("BareLoop/unchanged" SUBSEP "cpu-ms/op") / median("PollCycle/unchanged" SUBSEP "cpu-ms/op")
  printf "peak RSS (changed):        %.1fx   (test processes, feed server included)\n", median("PollCycle/changed" SUBSEP "peak-RSS-MB") / median("BareLoop/changed" SUBSEP "peak-RSS-MB")
}' "$tmp/results"
if [ "${FOOTPRINT:-1}" != 0 ]; then
  echo
  echo "footprint of the binary (cmd/newshound BenchmarkFootprint):"
  go test -run '^$' -bench '^BenchmarkFootprint$' -benchtime 1x ./cmd/newshound | grep '^BenchmarkFootprint' |
    tr '\t' '\n' | sed -n 's/^ *\([0-9.]*\) \(.*\)$/  \2: \1/p' | sort
fi
