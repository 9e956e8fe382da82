#!/usr/bin/env bash
# Runs every test. The integration tests start the real AppHost in local mode, so the servers' packages must be
# installed even where containers are available. Ends with a line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-servers.sh || exit 1

log=$(mktemp)
dotnet test Ecommerce.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly: "Passed!  - Failed:     0, Passed:     7, Skipped:     0, Total: ..."
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ total += $NF } END { print total + 0 }'; }
passed=$(sum Passed) failed=$(sum Failed) skipped=$(sum Skipped)
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
