#!/bin/sh
# Install libquote's build and test dependencies on Debian/Ubuntu, when they
# are missing.  Does nothing when every package is already installed, so it
# is safe to run before every build.  Uses sudo when not run as root.
set -eu

packages="build-essential cmake pkg-config libpcre2-dev libjansson-dev libjsmn-dev libcmocka-dev"

missing=""
for p in $packages; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: missing:$missing; install them with your package manager" >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1; then
    run="sudo"
else
    echo "install-deps: missing:$missing; run this script as root" >&2
    exit 1
fi
echo "install-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -q
# shellcheck disable=SC2086
$run apt-get install -y -q --no-install-recommends $missing
