#!/usr/bin/env bash
# Ingest benchmark: in one run, on one generated combined access log (page-cached),
# measure the wall time, MB/s and peak memory (max RSS) of
#   cat > /dev/null, GoAccess (Debian), DuckDB SQL only (bench/duckload), and
#   outagelens ingest logs into a fresh database file,
# and print outagelens' speed as a ratio to each. Usage (from the repository):
#   bench/ingest.sh [SIZE [ROUNDS]]   SIZE defaults to 1GB, ROUNDS to 1
# With ROUNDS > 1 the four are run that many times in turn and each one's median
# wall time (and largest RSS) is reported, which evens out a machine shared with
# other work. Generated files go to bench/out/ (ignored by git). NO_GOACCESS=1
# leaves GoAccess out (a minute a round), for more rounds of the DuckDB comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1GB}
rounds=${2:-1}
out=bench/out
mkdir -p "$out"

go build -o "$out/outagelens" ./cmd/outagelens
go build -o "$out/duckload" ./bench/duckload
log="$out/access-$size.log"
[ -s "$log" ] || "$out/outagelens" gen accesslog --size "$size" -o "$log"
if [ "${NO_GOACCESS:-}" != 1 ] && ! command -v goaccess >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq goaccess >/dev/null) \
    || echo "bench: could not install goaccess; its row is skipped"
fi
bytes=$(stat -L -c %s "$log")
cat "$log" > /dev/null # into the page cache
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# run NAME CMD...: time CMD, add "wall_s rss_kb" to $out/NAME.times. Its output
# goes to $out/NAME.out, cat's to /dev/null (a gigabyte written to a file is not
# the I/O floor).
run() {
  local name=$1; shift
  local dest="$out/$name.out"
  [ "$name" = cat ] && dest=/dev/null
  rm -f "$out/bench.duckdb" "$out/bench.duckdb.wal" "$out/duckload.duckdb" "$out/duckload.duckdb.wal" "$out/goaccess.html"
  # Write out what the previous tool left dirty in the page cache (DuckDB files
  # of 60-100 MB), so that its writeback is not timed as part of this run.
  sync
  /usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" > "$dest" 2> "$out/$name.err" \
    || { echo "bench: $name failed:"; tail -5 "$out/$name.err"; return 1; }
  cat "$out/$name.time" >> "$out/$name.times"
}
rm -f "$out"/*.times "$out"/*.time
for _ in $(seq "$rounds"); do
  run cat cat "$log"
  if [ "${NO_GOACCESS:-}" != 1 ] && command -v goaccess >/dev/null 2>&1; then
    run goaccess goaccess "$log" --log-format=COMBINED -o "$out/goaccess.html"
  fi
  run duckdb "$out/duckload" "$log" "$out/duckload.duckdb"
  run outagelens "$out/outagelens" --db "$out/bench.duckdb" ingest logs "$log"
done
# NAME.time becomes "median_wall_s max_rss_kb" over the rounds.
for name in cat goaccess duckdb outagelens; do
  [ -s "$out/$name.times" ] || continue
  sort -n "$out/$name.times" | awk '{ w[NR] = $1; if ($2 > rss) rss = $2 }
    END { printf "%s %d\n", (NR % 2 ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2), rss }' > "$out/$name.time"
done

read -r ow _ < "$out/outagelens.time"
printf '\n%s, %s bytes, %s lines; %s round(s), medians; load average %s before, %s after\n' \
  "$log" "$bytes" "$(wc -l < "$log")" "$rounds" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %9s %9s %12s %16s\n' tool wall_s MB/s peak_MiB outagelens_x
for name in cat goaccess duckdb outagelens; do
  [ -s "$out/$name.time" ] || continue
  read -r w rss < "$out/$name.time"
  awk -v n="$name" -v w="$w" -v rss="$rss" -v b="$bytes" -v ow="$ow" 'BEGIN {
    printf "%-12s %9.2f %9.1f %12.0f %16.2f\n", n, w, b / 1e6 / (w > 0 ? w : 0.001), rss / 1024, w / (ow > 0 ? ow : 0.001) }'
done
echo "(outagelens_x: that tool's wall time / outagelens'; above 1 means outagelens is faster)"
rows=$("$out/outagelens" --db "$out/bench.duckdb" sql 'SELECT count(*) AS n FROM requests' | tail -1)
echo "outagelens stored $rows rows; $(grep -o '[0-9.]* MB/s' "$out/outagelens.err" | tail -1) by its own summary"
