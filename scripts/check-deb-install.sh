#!/usr/bin/env bash
# Installs a claimtrail .deb on a clean Debian (a fresh minbase chroot made by debootstrap, nothing else in it),
# then checks what a user gets: `claimtrail` on the PATH that imports the sample, and `claimtrail-app` that
# starts and keeps its window open (under Xvfb, which the chroot gets only for this check).
#
#   sudo scripts/check-deb-install.sh target/release/bundle/deb/claimtrail_0.1.0_amd64.deb [ROOT]
#
# Needs root (chroot, mounts) and Debian's package mirror. ROOT defaults to a new temporary directory, removed
# at the end; give a path to keep the chroot and re-run quickly.
set -euo pipefail

deb=${1:?usage: check-deb-install.sh PACKAGE.deb [ROOT]}
deb=$(realpath "$deb")
root=${2:-}
keep=1
if [[ -z $root ]]; then
  root=$(mktemp -d /tmp/claimtrail-clean.XXXXXX)
  keep=0
fi
suite=${SUITE:-bookworm}
mirror=${MIRROR:-http://deb.debian.org/debian}

command -v debootstrap >/dev/null || apt-get install -y --no-install-recommends debootstrap

cleanup() {
  umount -l "$root/proc" "$root/sys" "$root/dev" 2>/dev/null || true
  if [[ $keep == 0 ]]; then rm -rf "$root" "$root.debootstrap.log"; fi
}
trap cleanup EXIT

if [[ ! -x $root/usr/bin/apt-get ]]; then
  echo "== debootstrap $suite (minbase) into $root"
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
    { tail -20 "$root.debootstrap.log"; exit 1; }
fi
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/claimtrail.deb"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

echo "== apt-get install ./claimtrail.deb (its Depends only)"
in_root apt-get update -qq
before=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)
in_root apt-get install -y -qq /tmp/claimtrail.deb >/dev/null
after=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)
echo "   packages: $before before, $after after"

echo "== claimtrail on the PATH"
in_root sh -c 'command -v claimtrail && command -v claimtrail-app'
in_root claimtrail --version
cat >"$root/tmp/article.txt" <<'TEXT'
Council approves budget

The city council approved a budget of $4.2 million on Monday, the mayor's office said.
"Waste collection costs fell by 12 percent last year," Mayor Ana Ruiz told reporters.
TEXT
in_root sh -c 'export CLAIMTRAIL_DB=/tmp/check.db; claimtrail import /tmp/article.txt && claimtrail claims'

echo "== claimtrail-app starts and stays up (Xvfb only for this check)"
in_root apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null
shot=${SHOT:-$PWD/test-output/clean-install.png}
mkdir -p "$(dirname "$shot")"
rm -f "$root/tmp/shot-now"
# A screenshot of the window from outside the chroot (Xvfb's abstract socket is shared), if ImageMagick is here.
( for _ in $(seq 60); do [[ -e $root/tmp/shot-now ]] && break; sleep 1; done
  command -v import >/dev/null && import -display :77 -window root "$shot" 2>/dev/null && echo "   screenshot: $shot" ) &
in_root sh -c '
  export CLAIMTRAIL_DB=/tmp/check.db XDG_RUNTIME_DIR=/tmp/xdg; mkdir -p /tmp/xdg; chmod 700 /tmp/xdg
  Xvfb :77 -screen 0 1280x800x24 >/tmp/xvfb.log 2>&1 & xvfb=$!
  sleep 1
  DISPLAY=:77 claimtrail-app >/tmp/app.log 2>&1 & app=$!
  sleep 15
  touch /tmp/shot-now; sleep 3
  if kill -0 $app 2>/dev/null; then echo "   claimtrail-app running after 15 s (pid $app)"; ok=0
  else echo "   claimtrail-app exited:"; tail -20 /tmp/app.log; ok=1; fi
  kill $app $xvfb 2>/dev/null; wait 2>/dev/null
  exit $ok'
wait
echo "== ok: $(basename "$deb") installs on a clean $suite and works"
