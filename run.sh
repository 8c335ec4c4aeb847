#!/usr/bin/env bash
# Runs the whole system locally: Azurite, the functions host and the portal, with demo data.
#   ./run.sh             install what is missing, start everything, seed demo data
#   ./run.sh --no-demo   the same without demo data
#   ./run.sh --in-memory Azurite keeps everything in memory (heap AZURITE_HEAP_MB, 8000 by default) and nothing survives a
#                        restart: for loading a city's volume; the default on-disk Azurite dies past ~100,000 new persons
# Ctrl+C (or SIGTERM) stops everything this script started.
# Ports: FUNCTIONS_PORT (7071), PORTAL_PORT (5080), AZURITE_BLOB_PORT (10000), AZURITE_QUEUE_PORT (10001), AZURITE_TABLE_PORT (10002).
set -euo pipefail
cd "$(dirname "$0")"

seed_args=()
azurite_storage=(--location .local/azurite)
azurite_heap=()
for arg in "$@"; do
  case "$arg" in
    --no-demo) seed_args+=(--no-demo) ;;
    # On disk, Azurite writes each table database as one JSON string on every save, and V8's limit on a string's length
    # ends it (a fatal error in JSON.stringify) once the tables hold a little over 100,000 new persons: see the README.
    --in-memory) azurite_storage=(--inMemoryPersistence); azurite_heap=(--max-old-space-size="${AZURITE_HEAP_MB:-8000}") ;;
    *) echo "usage: ./run.sh [--no-demo] [--in-memory]" >&2; exit 64 ;;
  esac
done

functions_port=${FUNCTIONS_PORT:-7071}
portal_port=${PORTAL_PORT:-5080}
blob_port=${AZURITE_BLOB_PORT:-10000}
queue_port=${AZURITE_QUEUE_PORT:-10001}
table_port=${AZURITE_TABLE_PORT:-10002}

scripts/install.sh
echo "build: dotnet build"
dotnet build MedicalAssistance.Serverless.sln --no-restore --nologo --verbosity quiet

pids=()
azurite_pid=""
stop_all() {
  trap - INT TERM EXIT
  # No errexit here: a Ctrl+C reaches the whole process group, and a 'sleep' it interrupts must not abort the clean-up.
  set +e
  trap '' INT TERM
  echo "stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  if [ -n "$azurite_pid" ]; then
    # Azurite ignores SIGTERM for a long time: ask, then SIGKILL after 5 s.
    kill -TERM "$azurite_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$azurite_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$azurite_pid" 2>/dev/null || true
  fi
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

# wait_for DESCRIPTION SECONDS COMMAND...: polls a readiness check; fails loudly instead of hanging.
wait_for() {
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 10))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "error: $what did not become ready within ${seconds}s" >&2
  return 1
}

mkdir -p .local/azurite .local/logs
# Person-key and ID-encryption secrets: generated once per checkout into .local (gitignored). In Azure they come from Key Vault.
secrets=.local/secrets.env
if [ ! -f "$secrets" ]; then
  (umask 077; {
    echo "Security__PersonKeySecret=$(head -c 32 /dev/urandom | base64)"
    echo "Security__IdEncryptionKey=$(head -c 32 /dev/urandom | base64)"
    echo "Security__IdEncryptionKeyId=local1"
  } > "$secrets")
fi
set -a; . "$secrets"; set +a
node "${azurite_heap[@]}" node_modules/azurite/dist/src/azurite.js "${azurite_storage[@]}" --skipApiVersionCheck --loose \
  --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
  --tableHost 127.0.0.1 --tablePort "$table_port" > .local/logs/azurite.log 2>&1 &
azurite_pid=$!
wait_for "Azurite" 60 bash -c "[ \$(grep -c 'successfully listening' .local/logs/azurite.log) -ge 3 ]"

account=devstoreaccount1
# Azurite's public, documented development key (valid only against the emulator).
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob_port/$account;QueueEndpoint=http://127.0.0.1:$queue_port/$account;TableEndpoint=http://127.0.0.1:$table_port/$account;"
export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development

functions_dll=functions/MedicalAssistance.Functions/bin/Debug/net10.0/MedicalAssistance.Functions.dll
portal_dll=portal/MedicalAssistance.Portal/bin/Debug/net10.0/MedicalAssistance.Portal.dll

# seed-demo prints "key <caller>: <secret>" per demo key and "person <profile>: <idNumber> <name>" per demo person;
# the portal gets the portal key from it.
seed_output=$(dotnet "$functions_dll" seed-demo "${seed_args[@]}")
echo "$seed_output"
portal_key=$(sed -n 's/^key portal: //p' <<<"$seed_output" | tail -n 1)

# The development SMS outbox: every sign-in code the functions host "sends" is appended there; show each as one line
# "sms <masked phone>: <text>".
sms_outbox=.local/sms-outbox.log
touch "$sms_outbox"
tail -n 0 -F "$sms_outbox" 2>/dev/null | sed -u 's/^[^ ]* /sms /' &
pids+=($!)

api="http://127.0.0.1:$functions_port"
portal="http://127.0.0.1:$portal_port"
dotnet "$functions_dll" serve --urls "$api" --Beneficiaries:SmsOutboxPath="$PWD/$sms_outbox" > >(sed -u 's/^/[functions] /') 2>&1 &
pids+=($!)
Api__PortalKey="$portal_key" dotnet "$portal_dll" --urls "$portal" --Api:BaseUrl="$api" > >(sed -u 's/^/[portal] /') 2>&1 &
pids+=($!)

wait_for "functions host" 120 curl -fsS "$api/api/health"
wait_for "portal" 120 curl -fsS "$portal/"
echo "ready: portal $portal, api $api"
# Runs until Ctrl+C / SIGTERM, or until one of the hosts stops by itself.
wait -n "${pids[@]}"
