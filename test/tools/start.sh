#!/usr/bin/env bash
# `npm start`: the packaged extension in a persistent code-server (.run/start) with examples/ open and xor.bigmodel
# open in it, ready for Run All; foreground until Ctrl+C. The package for this machine (with WebGPU) when there is one.
# BIGMODEL_START_FOLDER, BIGMODEL_START_NOTEBOOK (a file in that folder) and BIGMODEL_START_RUN_DIR choose others.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VSIX="$ROOT/dist-vsix/bigmodel-studio-$(node -p 'process.platform + "-" + process.arch').vsix"
[ -f "$VSIX" ] || VSIX="$ROOT/dist-vsix/bigmodel-studio.vsix"
PORT=${PORT:-8080}

if [ ! -f "$VSIX" ]; then
  echo "start: $VSIX not found. Build and package the extension first:" >&2
  echo "  npm run package" >&2
  exit 1
fi
FOLDER=${BIGMODEL_START_FOLDER:-$ROOT/examples}
NOTEBOOK=${BIGMODEL_START_NOTEBOOK:-xor.bigmodel}
if [ ! -d "$FOLDER" ]; then
  echo "start: warning: $FOLDER missing; opening the repository root instead" >&2
  FOLDER=$ROOT
fi
OPEN=()
if [ -f "$FOLDER/$NOTEBOOK" ]; then OPEN=(--open "$FOLDER/$NOTEBOOK"); else echo "start: warning: $FOLDER/$NOTEBOOK missing; opening the folder only" >&2; fi
bash "$ROOT/test/tools/setup.sh"
# --workspace-trust is not passed: trust prompts stay off for the examples folder
exec node "$ROOT/test/tools/browser/server.js" --run-dir "${BIGMODEL_START_RUN_DIR:-$ROOT/.run/start}" --port "$PORT" \
  --folder "$FOLDER" "${OPEN[@]}" --vsix "$VSIX"
