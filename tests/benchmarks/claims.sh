#!/usr/bin/env bash
# Claims settlement through the claims queue (claims issue, "Performance") and the monthly-settlement run (runs issue,
# "Performance"), each against a raw baseline measured in the same run. Release build; a private in-memory Azurite; the
# claim workers listen on ports 7440.. (the first port is the third argument). See tests/benchmarks/RESULTS.md.
#   tests/benchmarks/claims.sh claims [per-person 5] [workers 4] [first-port 7440] [persons per round… 4000 40000]
#   tests/benchmarks/claims.sh settlement [claims per size… 100000 1000000]
# CLAIMS_BENCH_MINUTES caps how long one claims round may settle (default 60); NODE_OPTIONS=--max-old-space-size=… gives the
# in-memory Azurite a bigger heap (needed from a few hundred thousand claims on).
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release tests/benchmarks/MedicalAssistance.ClaimsBench -v q
bench=tests/benchmarks/MedicalAssistance.ClaimsBench/bin/Release/net10.0/MedicalAssistance.ClaimsBench.dll
case "${1:-claims}" in
  claims) shift || true
    # The workers run the function app as a deployment would: Release, ReadyToRun, framework-dependent.
    dotnet publish functions/MedicalAssistance.Functions -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o .bench/claims-worker -v q
    CLAIMS_BENCH_WORKER=${CLAIMS_BENCH_WORKER:-.bench/claims-worker/MedicalAssistance.Functions.dll} dotnet "$bench" "${1:-5}" "${2:-4}" "${3:-7440}" "${@:4}" ;;
  settlement) shift; [ $# -gt 0 ] || set -- 100000 1000000; dotnet "$bench" settlement "$@" ;;
  *) echo "usage: $0 claims|settlement …" >&2; exit 64 ;;
esac
