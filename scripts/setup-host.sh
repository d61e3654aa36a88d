#!/usr/bin/env bash
# Installs the offline extension-host test environment: VS Code's server (from the
# npm package code-server) and Debian's headless Chromium. Nothing is downloaded
# from outside the npm registry and Debian. Idempotent: a second run takes well
# under a second.
#
#   bash scripts/setup-host.sh
#
# Env: CODE_SERVER_VERSION (default 4.100.3: VS Code 1.100.3, runs on Node 20)
#      CODE_SERVER_HOME    (default <repo>/.vscode-test/code-server)
set -euo pipefail

version="${CODE_SERVER_VERSION:-4.100.3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${CODE_SERVER_HOME:-$root/.vscode-test/code-server}"
pkg="$dest/node_modules/code-server"
# Native modules are compiled for one Node ABI; a Node upgrade must reinstall.
stamp="$dest/.installed-$version-abi$(node -p process.versions.modules)"

need=()
for p in chromium ripgrep libkrb5-dev build-essential python3 pkg-config; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  echo "setup-host: apt-get install ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -f "$stamp" ] && [ -f "$pkg/out/node/entry.js" ]; then
  echo "setup-host: code-server $version ready in $dest"
  exit 0
fi

if [ "$(node -p 'process.versions.node.split(".")[0]')" != 20 ]; then
  echo "setup-host: code-server $version needs Node 20; this is Node $(node -v)" >&2
  exit 1
fi

# @vscode/ripgrep's postinstall fetches rg from GitHub unless its cache already
# holds the archive; Debian's rg in that archive satisfies it offline.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_archive="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$rg_archive" ]; then
  mkdir -p "$rg_cache"
  tar czf "$rg_archive" -C /usr/bin rg
fi

mkdir -p "$dest"
printf '{"private":true,"dependencies":{"code-server":"%s"}}\n' "$version" > "$dest/package.json"
started=$SECONDS
# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes: node-pty's postinstall runs `npx node-gyp`, which ~/.npmrc may forbid.
if ! ( cd "$dest" && npm_config_unsafe_perm=true npm_config_yes=true \
        npm install --no-audit --no-fund --loglevel=error >"$dest/install.log" 2>&1 ); then
  echo "setup-host: npm install code-server failed; end of $dest/install.log:" >&2
  tail -40 "$dest/install.log" >&2
  exit 1
fi
for f in out/node/entry.js lib/vscode/node_modules/@vscode/ripgrep/bin/rg \
         lib/vscode/node_modules/node-pty/build/Release/pty.node; do
  [ -e "$pkg/$f" ] || { echo "setup-host: incomplete install, $pkg/$f missing" >&2; exit 1; }
done
rm -f "$dest"/.installed-*
touch "$stamp"
echo "setup-host: code-server $version installed in $((SECONDS - started)) s"
