#!/usr/bin/env bash
# `npm test`: unit tests (plain Node), in-host integration tests (a real VS Code extension host: code-server),
# and the browser e2e test of the packaged .vsix. Prints each layer's count, then the total as the last line.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUN="$ROOT/.run"
mkdir -p "$RUN"
passed=0
failed=0
declare -a layers=()

# count <layer> <log>: adds the layer's `N passed, N failed` (or mocha's `N passing` / `N failing`) to the totals.
count() {
  local layer=$1 log=$2 p f line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  if [ -n "$line" ]; then
    p=$(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$line"); f=$(sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")
  else
    p=$(grep -oE '^\s*[0-9]+ passing' "$log" | grep -oE '[0-9]+' | tail -1); f=$(grep -oE '^\s*[0-9]+ failing' "$log" | grep -oE '[0-9]+' | tail -1)
    p=${p:-0}; f=${f:-0}
  fi
  # A layer that crashed before reporting counts as one failure.
  if [ "$3" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  layers+=("$layer: $p passed, $f failed")
}

step() { local s=$(date +%s); "$@"; local rc=$?; echo "TIMING $(( $(date +%s) - s ))s rc=$rc  $*" >&2; return $rc; }

step bash test/tools/setup.sh || { echo "test tools could not be installed"; echo "0 passed, 1 failed"; exit 1; }
step node esbuild.mjs --tests || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== unit (mocha, plain Node)"
step npx mocha --config test/unit/.mocharc.json 2>&1 | tee "$RUN/unit.log"
count unit "$RUN/unit.log" "${PIPESTATUS[0]}"

echo "== integration (mocha inside code-server's extension host)"
rm -rf "$RUN/workspace" && mkdir -p "$RUN/workspace"
cp examples/*.bigmodel test/fixtures/notebooks/*.bigmodel "$RUN/workspace/" && cp -r examples/data "$RUN/workspace/"
step node test/tools/browser/run-in-host.js --extension "$ROOT" --tests "$ROOT/out/test/integration/index.js" \
  --folder "$RUN/workspace" --out "$RUN/in-host" 2>&1 | tee "$RUN/integration.log"
count integration "$RUN/integration.log" "${PIPESTATUS[0]}"

echo "== integration in Simplified Chinese (the editor's language features, New Notebook's templates and the model card with VS Code's display language zh-cn)"
step node test/tools/browser/run-in-host.js --extension "$ROOT" --tests "$ROOT/out/test/integration/index.js" \
  --folder "$RUN/workspace" --out "$RUN/in-host-zh-cn" --locale zh-cn --grep 'bigmodel language|\(in host\)' 2>&1 | tee "$RUN/integration-zh-cn.log"
count integration-zh-cn "$RUN/integration-zh-cn.log" "${PIPESTATUS[0]}"

echo "== integration in an untrusted workspace (workspace trust on, the folder not trusted: nothing may run)"
step node test/tools/browser/run-in-host.js --extension "$ROOT" --tests "$ROOT/out/test/integration/index.js" \
  --folder "$RUN/workspace" --out "$RUN/in-host-untrusted" --workspace-trust --grep 'untrusted workspace' 2>&1 | tee "$RUN/integration-untrusted.log"
count integration-untrusted "$RUN/integration-untrusted.log" "${PIPESTATUS[0]}"

echo "== e2e (the packaged .vsix in code-server, driven by chromium)"
# The universal package and this platform's (with Dawn) only: all six take longer and this machine runs one.
if step node scripts/package.mjs --targets host >"$RUN/package.log" 2>&1; then
  rm -rf "$RUN/e2e-workspace" && mkdir -p "$RUN/e2e-workspace" && cp examples/*.bigmodel "$RUN/e2e-workspace/"
  step node test/e2e/notebook.e2e.js --vsix "$ROOT/dist-vsix/bigmodel-studio.vsix" --folder "$RUN/e2e-workspace" \
    --notebook xor.bigmodel --out "$RUN/e2e" 2>&1 | tee "$RUN/e2e.log"
  count e2e "$RUN/e2e.log" "${PIPESTATUS[0]}"
  # Train Model from the palette opens the Training Dashboard and it fills (a fresh copy: the first flow trained xor).
  rm -rf "$RUN/e2e-dashboard-workspace" && mkdir -p "$RUN/e2e-dashboard-workspace" && cp examples/*.bigmodel "$RUN/e2e-dashboard-workspace/"
  step node test/e2e/dashboard.e2e.js --vsix "$ROOT/dist-vsix/bigmodel-studio.vsix" --folder "$RUN/e2e-dashboard-workspace" \
    --notebook xor.bigmodel --out "$RUN/e2e-dashboard" 2>&1 | tee "$RUN/e2e-dashboard.log"
  count e2e-dashboard "$RUN/e2e-dashboard.log" "${PIPESTATUS[0]}"
  # Export Model Card: the summary card's button posts to the host, the save dialog's Enter writes the card.
  step node test/e2e/modelCard.e2e.js --vsix "$ROOT/dist-vsix/bigmodel-studio.vsix" --out "$RUN/e2e-model-card" 2>&1 | tee "$RUN/e2e-model-card.log"
  count e2e-model-card "$RUN/e2e-model-card.log" "${PIPESTATUS[0]}"
  # The platform package: Dawn inside, installed as a user would, Check Training Setup names the adapter.
  host_vsix="$ROOT/dist-vsix/bigmodel-studio-$(node -p 'process.platform + "-" + process.arch').vsix"
  if [ -f "$host_vsix" ]; then
    step node test/e2e/platformPackage.e2e.js --vsix "$host_vsix" --out "$RUN/e2e-platform" 2>&1 | tee "$RUN/e2e-platform.log"
    count e2e-platform "$RUN/e2e-platform.log" "${PIPESTATUS[0]}"
  else
    layers+=("e2e-platform: skipped, no Dawn build for this platform")
  fi
  # npm start's page: start.sh as npm start runs it; xor.bigmodel open with its kernel chosen, one click on Run All trains.
  step node test/e2e/start.e2e.js --out "$RUN/e2e-start" 2>&1 | tee "$RUN/e2e-start.log"
  count e2e-start "$RUN/e2e-start.log" "${PIPESTATUS[0]}"
else
  cat "$RUN/package.log"
  layers+=("e2e: packaging failed"); failed=$((failed + 1))
fi

echo
for l in "${layers[@]}"; do echo "  $l"; done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
