#!/usr/bin/env bash
# Roster pushes against a running ./run.sh, as a department clerk makes them (hardening issue, item 4): <count> GB18030 CSV
# files of <rows> new Meizhou civil-affairs persons each, pushed at the same moment through
# POST /api/departments/meizhou-civil/rosters (multipart), then each batch polled every 2 s until it is done or failed.
# Prints each push's time and rows/s, and the rows/s of all of them together. See tests/benchmarks/RESULTS.md.
#   tests/benchmarks/run-sh-pushes.sh <rows> <count> <api> <staff key>
#   e.g. tests/benchmarks/run-sh-pushes.sh 120000 2 http://127.0.0.1:7071 "$STAFF_KEY"   (the key ./run.sh printed as "key staff:")
# The persons are numbered from 5,000,000 (none of the demo's); run it once per fresh ./run.sh (a second run finds them on record).
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:?rows}; count=${2:?count}; api=${3:?api}; key=${4:?staff key}
dotnet build -c Release tests/benchmarks/MedicalAssistance.RosterBench -v q > /dev/null
bench=tests/benchmarks/MedicalAssistance.RosterBench/bin/Release/net10.0/MedicalAssistance.RosterBench.dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$count"); do
  dotnet "$bench" csv "$rows" $((5000000 + i * rows)) "$work/push$i.csv"
done
echo "files: $count x $rows rows, $(du -h "$work/push1.csv" | cut -f1) each; load average $(cut -d' ' -f1 /proc/loadavg)"

start=$(date +%s.%N)
for i in $(seq 1 "$count"); do
  curl -fsS -X POST "$api/api/departments/meizhou-civil/rosters" -H "x-functions-key: $key" \
    -F "file=@$work/push$i.csv;type=text/csv" > "$work/accepted$i.json" &
done
wait
for i in $(seq 1 "$count"); do
  batch=$(sed -n 's/.*"batchId" *: *"\([^"]*\)".*/\1/p' "$work/accepted$i.json")
  echo "$batch" > "$work/batch$i"
  echo "push $i: 202 batch $batch after $(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { printf "%.1f", a - b }') s"
done

left=$count
while [ "$left" -gt 0 ]; do
  sleep 2
  left=0
  for i in $(seq 1 "$count"); do
    [ -f "$work/done$i" ] && continue
    status=$(curl -fsS "$api/api/departments/meizhou-civil/rosters/$(cat "$work/batch$i")" -H "x-functions-key: $key" || echo '{}')
    state=$(sed -n 's/.*"status" *: *"\([^"]*\)".*/\1/p' <<<"$status")
    if [ "$state" = done ] || [ "$state" = failed ]; then
      elapsed=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { print a - b }')
      echo "$elapsed" > "$work/done$i"
      applied=$(sed -n 's/.*"applied" *: *\([0-9]*\).*/\1/p' <<<"$status")
      awk -v i="$i" -v s="$state" -v a="$applied" -v e="$elapsed" -v r="$rows" 'BEGIN { printf "push %d: %s, %s applied, in %.1f s = %.0f rows/s\n", i, s, a, e, r / e }'
    else
      left=$((left + 1))
    fi
  done
done
last=$(cat "$work"/done* | sort -n | tail -n 1)
awk -v c="$count" -v r="$rows" -v e="$last" -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN { printf "all %d pushes: %d rows in %.1f s = %.0f rows/s; load average %s\n", c, r * c, e, r * c / e, l }'
