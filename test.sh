#!/usr/bin/env bash
# Runs every test project. Installs what is missing first. Last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

scripts/install.sh --with-browser || { echo "0 passed, 1 failed"; exit 1; }

echo "build: dotnet build"
if ! dotnet build MedicalAssistance.Serverless.sln --no-restore --nologo --verbosity quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test --solution MedicalAssistance.Serverless.sln --no-build --no-progress --no-ansi 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Counts come from the Microsoft.Testing.Platform summary of the whole run.
# The failures again, last, so that a log cut to its tail still names them: each failed test's
# name and the first lines of its message (before its stack trace and captured output).
awk '/^failed /{n=12; print; next} n>0{ if ($0 ~ /^    at |Standard output|Error output/) {n=0} else {print; n--} }' "$log" > "$log.failed"
if [ -s "$log.failed" ]; then
  echo "failed tests:"
  cat "$log.failed"
fi
rm -f "$log.failed"

passed=$(grep -E '^\s*succeeded:\s*[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
failed=$(grep -E '^\s*failed:\s*[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
echo "${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -ne 0 ] || [ "${failed:-0}" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then
  exit 1
fi
