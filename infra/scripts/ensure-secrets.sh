#!/usr/bin/env bash
# Creates the Key Vault secrets of infra/main.bicep that do not exist yet; never replaces one (a new person-key secret
# would change every person key). azd runs it after provisioning (azure.yaml, postprovision); by hand:
#   KEY_VAULT_NAME=kv-… ID_ENCRYPTION_KEY_ID=k1 infra/scripts/ensure-secrets.sh
# Needs az login as a principal with Key Vault Secrets Officer (main.bicep grants it to principalId).
set -euo pipefail
vault=${KEY_VAULT_NAME:?KEY_VAULT_NAME (an output of main.bicep) is not set}
key_id=${ID_ENCRYPTION_KEY_ID:-k1}

ensure() {
  local name=$1
  if az keyvault secret show --vault-name "$vault" --name "$name" --query id -o tsv >/dev/null 2>&1; then
    echo "ensure-secrets: $name exists, kept"
  else
    # 32 random bytes, base64: what Security:PersonKeySecret and Security:IdEncryptionKey expect (as run.sh makes locally).
    az keyvault secret set --vault-name "$vault" --name "$name" --value "$(head -c 32 /dev/urandom | base64)" --output none
    echo "ensure-secrets: $name created"
  fi
}

ensure person-key-secret
ensure "id-encryption-key-$key_id"
if ! az keyvault secret show --vault-name "$vault" --name portal-api-key --query id -o tsv >/dev/null 2>&1; then
  echo "ensure-secrets: portal-api-key is missing: create the portal's key with the app's 'keys create' command (infra/README.md, Secrets)"
fi
