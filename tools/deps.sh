#!/bin/sh
# deps.sh — the Debian packages gbetl needs, in one place.
#
#   tools/deps.sh install      install them (root), or print the apt-get command
#   tools/deps.sh auto [SET]   install only what is missing; silent when all is there
#
# SET adds packages for one target: bench (pgloader), fuzz (clang).
set -eu

BASE="gcc make pkg-config libpq-dev libcsv-dev libxml2-dev libcmocka-dev libssl-dev \
postgresql postgresql-client clang-format util-linux ca-certificates"
TESTS="procps man-db bsdextrautils chromium fonts-dejavu-core poppler-utils"
BENCH="pgloader"
FUZZ="clang libclang-rt-14-dev"

mode=${1:-auto}
set_name=${2:-}
pkgs="$BASE $TESTS"
case "$set_name" in
bench) pkgs="$pkgs $BENCH" ;;
fuzz) pkgs="$pkgs $FUZZ" ;;
all) pkgs="$pkgs $BENCH $FUZZ" ;;
esac

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ "$mode" = install ] && missing=" $pkgs"
[ -n "$missing" ] || exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "gbetl: error: missing Debian packages:$missing" >&2
	echo "gbetl: hint: run as root: apt-get update && $cmd" >&2
	exit 1
fi
echo "gbetl: installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || apt-get update
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 || $cmd
