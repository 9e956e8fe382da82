#!/usr/bin/env bash
# Starts the whole system with the Aspire dashboard. Extra arguments go to the AppHost, for example
# --Infrastructure:Mode=local.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-servers.sh --if-no-container-runtime
exec dotnet run --project Ecommerce.AppHost -- "$@"
