#!/usr/bin/env bash
# Refreshes the vendored SignalR browser client from npm at a pinned version (no CDN at run time).
set -euo pipefail
version="${1:-10.0.11}"
work="$(mktemp -d)"
(cd "$work" && npm install --silent --no-save "@microsoft/signalr@$version")
cp "$work/node_modules/@microsoft/signalr/dist/browser/signalr.min.js" "$(dirname "$0")/signalr.min.js"
sed -i "1s/.*/@microsoft\/signalr $version (npm), dist\/browser\/signalr.min.js/" "$(dirname "$0")/LICENSE.txt"
echo "signalr.min.js is now @microsoft/signalr $version"
