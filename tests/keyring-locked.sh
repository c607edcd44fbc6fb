#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A keyring that is locked while Remit uses it, and whose prompt to unlock it is dismissed:
# remit-cli, talking to a real remit-server, fails at once with a message that says to
# unlock the keyring, and loses nothing: the keyring file is not written, and no new user
# or token is asked for. (A keyring that does not answer at all is test-api-client's.)
#
# Runs in a D-Bus session and gnome-keyring of its own, so that locking the keyring does
# not touch the one the other tests share. Needs REMIT_CLI and REMIT_SERVER.
set -euo pipefail

# Without a display, the prompt to unlock the keyring (gcr-prompter, started by the bus)
# cannot be shown: libsecret then hears that it was dismissed, as when a person cancels it.
if [ -z "${REMIT_KEYRING_LOCKED_INNER:-}" ]; then
  export REMIT_KEYRING_LOCKED_INNER=1
  exec env -u DISPLAY -u WAYLAND_DISPLAY dbus-run-session -- "${BASH_SOURCE[0]}" "$@"
fi

: "${REMIT_CLI:?REMIT_CLI must name remit-cli}"
: "${REMIT_SERVER:?REMIT_SERVER must name remit-server}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/remit-keyring-locked.XXXXXX")
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
export REMIT_DATA_DIR="$tmp/ledger"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$REMIT_DATA_DIR"
mkdir -m 700 -p "$XDG_RUNTIME_DIR"

password=remit-keyring-locked
# The keyring daemon ends with this D-Bus session.
eval "$(printf '%s' "$password" | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

collection=/org/freedesktop/secrets/collection/login
secrets() {
  gdbus call --session --dest org.freedesktop.secrets "$@"
}
locked() {
  secrets --object-path "$collection" --method org.freedesktop.DBus.Properties.Get \
    org.freedesktop.Secret.Collection Locked
}

export REMIT_CLIENT_ID=remit-test REMIT_CLIENT_SECRET=keyring-locked-secret
"$REMIT_SERVER" --port 0 --data "$tmp/server" \
  --client "$REMIT_CLIENT_ID:$REMIT_CLIENT_SECRET" >"$tmp/server.out" 2>"$tmp/server.log" &
server_pid=$!
for _ in $(seq 100); do
  grep -q '^listening on ' "$tmp/server.out" && break
  sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$tmp/server.out")
[ -n "$url" ] || fail "remit-server did not start"

requests_to() {
  grep -c "> POST $1\$" "$tmp/server.log" || true
}

# Unlocked: the anonymous user and its token are made and kept in the keyring.
"$REMIT_CLI" providers --server "$url" >"$tmp/first.json" || fail "providers failed unlocked"
tokens=$(requests_to /oauth/token)
users=$(requests_to /api/users)
[ "$tokens" -ge 1 ] && [ "$users" -eq 1 ] || fail "no user or token: $users, $tokens"
keyring_file="$XDG_DATA_HOME/keyrings/login.keyring"
[ -f "$keyring_file" ] || fail "no keyring file"
echo "ok 1 unlocked: $users user, $tokens token request(s)"

# Locked.
secrets --object-path /org/freedesktop/secrets \
  --method org.freedesktop.Secret.Service.Lock "['$collection']" >/dev/null
[ "$(locked)" = "(<true>,)" ] || fail "the keyring did not lock"
before=$(sha256sum <"$keyring_file")

# Runs remit-cli providers on the locked keyring (with the arguments of env before it) and
# checks the answer: within the timeout, the exit status for a failure, and a message that
# says to unlock the keyring and holds no secret.
try_locked() {
  local name=$1 start took status=0
  shift
  start=$(date +%s)
  env "$@" "$REMIT_CLI" providers --server "$url" >"$tmp/locked.json" 2>"$tmp/locked.err" ||
    status=$?
  took=$(($(date +%s) - start))
  [ "$status" -eq 3 ] || fail "$name: exit status $status, not 3: $(cat "$tmp/locked.err")"
  [ "$took" -le 5 ] || fail "$name: took $took s"
  grep -q 'keyring' "$tmp/locked.err" || fail "$name: the message does not name the keyring"
  grep -q 'unlock' "$tmp/locked.err" || fail "$name: the message does not say to unlock it"
  if grep -q "$REMIT_CLIENT_SECRET" "$tmp/locked.err"; then
    fail "$name: the message holds the client secret"
  fi
  echo "ok - $name: status $status after ${took} s: $(cat "$tmp/locked.err")"
}

# The client secret looked up: libsecret finds nothing unlocked, which must not pass for
# an empty keyring (Remit would make a new user)…
try_locked "locked, secret looked up" -u REMIT_CLIENT_SECRET
# …and the client secret given again meets the locked collection when it is stored.
try_locked "locked, secret stored"

# Nothing lost: the keyring file as it was, no new anonymous user, no new token.
[ "$(sha256sum <"$keyring_file")" = "$before" ] || fail "the keyring file was written"
[ "$(requests_to /api/users)" -eq "$users" ] || fail "a new user was made while locked"
[ "$(requests_to /oauth/token)" -eq "$tokens" ] || fail "a token was asked for while locked"
echo "ok 3 nothing lost: the keyring file, $users user and $tokens token request(s) as before"
