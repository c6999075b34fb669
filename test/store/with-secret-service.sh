#!/bin/sh
# Runs the keychain tests against a throw-away gnome-keyring Secret Service (headless Linux, as root or not).
# Usage: dbus-run-session -- sh test/store/with-secret-service.sh
set -e
HOME=$(mktemp -d)
export HOME
eval "$(printf '\n' | gnome-keyring-daemon --unlock --components=secrets)"
cd "$(dirname "$0")/../.."
npx vitest run test/store/keychain.test.ts
rm -rf "$HOME"
