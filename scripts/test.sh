#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run them.
# System packages: Debian's chromium (headless browser tests, driven by Playwright with its
# executable path set) and virtuoso-opensource (a real SPARQL server for the portability tests).
# The Oxigraph server comes from PyPI (package "oxigraph"). Servers are started and stopped
# (by PID) by the test fixtures themselves, each on a free loopback port with a temporary database.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
bash scripts/setup.sh test
exec .venv/bin/python -m pytest -q "$@"
