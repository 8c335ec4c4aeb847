#!/usr/bin/env bash
# Installs what the project needs and is missing: npm packages (Azurite), Debian's Chromium and a CJK font
# (for browser tests; pass --with-browser), and the NuGet packages. Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

# Again whenever the lock file changed since the last install (npm writes node_modules/.package-lock.json).
if [ ! -x node_modules/.bin/azurite ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "install: npm ci (Azurite, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--with-browser" ]; then
  if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then
    echo "install: apt-get install chromium fonts-wqy-microhei"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  fi
fi

echo "install: dotnet restore"
dotnet restore MedicalAssistance.Serverless.sln --verbosity quiet
