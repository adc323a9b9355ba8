#!/usr/bin/env bash
# The Debian/Ubuntu packages `npm test` and `npm start` need besides Node: installs the missing ones when it can (root
# and apt-get), else prints the one command to type and exits 1. Runs only bash, dpkg-query, id and apt-get (its test
# puts stand-ins for those on PATH).
set -uo pipefail

NEEDED=(
  chromium                              # the browser that drives the workbench, headless
  libkrb5-dev                           # code-server's kerberos module compiles against gssapi.h
  python3 make g++                      # node-gyp: code-server's native modules
  bc                                    # the timings in test/tools/setup.sh
  fonts-dejavu-core                     # readable text in the e2e screenshots
  libegl1 libegl-mesa0 libgl1-mesa-dri  # Mesa's software GL (llvmpipe), on which Dawn runs the WebGPU tests
  dataset-fashion-mnist                 # the real images the tests train on
)
# Another chromium named by CHROMIUM_PATH (Ubuntu's chromium package is a snap) replaces Debian's.
if [ -n "${CHROMIUM_PATH:-}" ]; then NEEDED=("${NEEDED[@]:1}"); fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "setup: not Debian or Ubuntu (no dpkg-query), so nothing is installed for you; the tests need: ${NEEDED[*]}" >&2
  exit 0
fi

installed=" "
while read -r name status; do
  if [ "$status" = ii ]; then installed+="$name "; fi
done < <(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${NEEDED[@]}" 2>/dev/null)
missing=()
for p in "${NEEDED[@]}"; do
  if [[ $installed != *" $p "* ]]; then missing+=("$p"); fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

install=(apt-get install -y --no-install-recommends "${missing[@]}")
if [[ " ${missing[*]} " == *" chromium "* && -r /etc/os-release && $(< /etc/os-release) == *ID=ubuntu* ]]; then
  echo "setup: note: Ubuntu's chromium comes as a snap, which a container cannot run; with Chrome or Chromium" \
    "installed another way, set CHROMIUM_PATH to its binary and run again" >&2
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing the system packages the tests need: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # a fresh container has no package lists yet
  if apt-get update -qq >&2 && "${install[@]}" -qq >&2; then exit 0; fi
  echo "setup: apt-get could not install them; after fixing the error above, run: ${install[*]}" >&2
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  command="${install[*]}"
elif command -v sudo >/dev/null 2>&1; then
  command="sudo ${install[*]}"
else
  command="su -c '${install[*]}'"
fi
echo "setup: the tests need system packages that are not installed: ${missing[*]}" >&2
echo "setup: install them with this command, then run the same npm command again:" >&2
echo "  $command" >&2
exit 1
