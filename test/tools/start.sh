#!/usr/bin/env bash
# `npm start`: the packaged extension in a persistent code-server (.run/start) with examples/ open; foreground until Ctrl+C.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VSIX="$ROOT/dist-vsix/bigmodel-studio.vsix"
PORT=${PORT:-8080}

if [ ! -f "$VSIX" ]; then
  echo "start: $VSIX not found. Build and package the extension first:" >&2
  echo "  npm run package" >&2
  exit 1
fi
FOLDER="$ROOT/examples"
if [ ! -d "$FOLDER" ]; then
  echo "start: warning: $FOLDER missing; opening the repository root instead" >&2
  FOLDER=$ROOT
fi
bash "$ROOT/test/tools/setup.sh"
# --workspace-trust is not passed: trust prompts stay off for the examples folder
exec node "$ROOT/test/tools/browser/server.js" --run-dir "$ROOT/.run/start" --port "$PORT" \
  --folder "$FOLDER" --vsix "$VSIX"
