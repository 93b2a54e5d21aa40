#!/usr/bin/env bash
# Installs Debian packages for the commands that are missing:
#
#   deploy/local/packages.sh [--no-recommends] COMMAND:PACKAGE ...
#
# FORCE_PACKAGES=1 (CI) runs the install command even when every command is there, for each
# package dpkg has installed (apt-get leaves a current package as it is), so CI takes the path
# a fresh machine takes. A command that came from elsewhere (npm bundled with NodeSource's
# nodejs, which conflicts with Debian's npm) is left alone.
set -euo pipefail

SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO="sudo"
options=()
if [[ "${1:-}" == "--no-recommends" ]]; then options+=(--no-install-recommends); shift; fi

missing=()
for pair in "$@"; do
    command="${pair%%:*}" package="${pair#*:}"
    if ! command -v "$command" >/dev/null; then
        missing+=("$package")
    elif [[ -n "${FORCE_PACKAGES:-}" ]] && dpkg-query -W -f='${Status}' "$package" 2>/dev/null \
            | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
((${#missing[@]})) || exit 0
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
# env, not `sudo -E`: without sudo (as root) `-E` would be taken for the command.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${options[@]}" "${missing[@]}"
