#!/usr/bin/env bash
# A/B benchmark of two outagelens builds: ingest the same log into a fresh
# database with each, alternating, ROUNDS times, and print each build's median and
# fastest wall time and CPU time (user + system), and B's median over A's. Use it
# to decide whether a change to ingest pays: on a shared machine single runs of
# one build vary by 30%, medians of alternating runs much less. Usage:
#   bench/ab.sh A_BINARY B_BINARY [LOG [ROUNDS]]
# LOG defaults to bench/out/access-1GB.log (bench/ingest.sh generates it), ROUNDS
# to 7. A build of the working tree:  go build -o /tmp/b ./cmd/outagelens
set -euo pipefail
a=$1 b=$2
log=${3:-bench/out/access-1GB.log}
rounds=${4:-7}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$log" > /dev/null # into the page cache
for _ in $(seq "$rounds"); do
  for side in a b; do
    bin=$a
    [ "$side" = b ] && bin=$b
    rm -f "$tmp/ab.duckdb" "$tmp/ab.duckdb.wal"
    sync # the previous run's database written out, not timed here
    /usr/bin/time -f "%e %U %S" -a -o "$tmp/$side.times" "$bin" --db "$tmp/ab.duckdb" ingest logs "$log" > /dev/null 2> "$tmp/$side.err" \
      || { echo "ab: $bin failed:"; tail -5 "$tmp/$side.err"; exit 1; }
  done
done
# median and minimum of a column of numbers on stdin
medmin() {
  sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1] }'
}
stats() {
  echo "$(awk '{ print $1 }' "$tmp/$1.times" | medmin) $(awk '{ print $2 + $3 }' "$tmp/$1.times" | medmin)"
}
read -r aw amin ac acmin < <(stats a)
read -r bw bmin bc bcmin < <(stats b)
printf '%s, %s rounds, load average %s\n' "$log" "$rounds" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-4s %-40s %9s %9s %9s %9s\n' side build wall_med wall_min cpu_med cpu_min
printf '%-4s %-40s %9s %9s %9s %9s\n' A "$a" "$aw" "$amin" "$ac" "$acmin"
printf '%-4s %-40s %9s %9s %9s %9s\n' B "$b" "$bw" "$bmin" "$bc" "$bcmin"
awk -v aw="$aw" -v bw="$bw" -v ac="$ac" -v bc="$bc" 'BEGIN { printf "B/A: wall %.3f, CPU %.3f (below 1: B is faster)\n", bw / aw, bc / ac }'
