#!/usr/bin/env bash
# Cold start of the standalone host against a bare minimal API (issue 9): process start → first 200 of GET /api/health,
# median of N runs each (default 7), alternated in one run. Both are published as a deployment would be (Release,
# ReadyToRun, framework-dependent) into .bench/cold-start/.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.bench/cold-start
for project in functions/MedicalAssistance.Functions tests/benchmarks/BareHealthApi; do
  dotnet publish "$project" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/$(basename "$project")" -v q
done
dotnet run -c Release --project tests/benchmarks/MedicalAssistance.ColdStartBench -- "${1:-7}" "$out/MedicalAssistance.Functions" "$out/BareHealthApi"
