#!/bin/sh
# Installs and removes the .deb the way a user does, on a minimal Debian without menu directories:
#   installers/check-deb.sh installers/target/jpackage/framewise_0.1.0-1_amd64.deb
# In a debian:12-slim container when Docker works (apt-get install ./deb, `framewise --version` through the
# PATH symlink, apt-get remove); otherwise a check of the package's own postinst/prerm with their paths moved
# into a scratch folder and xdg commands that fail as they do on such a system ("No writable system menu
# directory found"). Either way both scripts must succeed and the `framewise` command must come and go.
set -e
DEB=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -f "$DEB" ] || { echo "usage: $0 PATH/TO/framewise_*.deb" >&2; exit 2; }

if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    docker run --rm -v "$DEB:/tmp/framewise.deb:ro" debian:12-slim sh -ec '
        apt-get update -qq
        [ ! -d /etc/xdg/menus ] && echo "no menu directories, as on a minimal system"
        apt-get install -y -qq /tmp/framewise.deb
        test -L /usr/bin/framewise
        framewise --version
        apt-get remove -y -qq framewise
        test ! -e /usr/bin/framewise
        echo "deb: apt-get install and remove succeeded"'
    exit 0
fi

echo "deb: no container available; checking the maintainer scripts in a scratch folder"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
dpkg-deb -e "$DEB" "$WORK/control"
ROOT="$WORK/root"
mkdir -p "$ROOT/opt/framewise/bin" "$ROOT/usr/bin" "$WORK/bin"
printf '#!/bin/sh\necho Framewise\n' > "$ROOT/opt/framewise/bin/Framewise"
chmod +x "$ROOT/opt/framewise/bin/Framewise"
for script in postinst prerm; do
    sed -e "s#/usr/bin/framewise#$ROOT/usr/bin/framewise#g" -e "s#/opt/framewise#$ROOT/opt/framewise#g" \
        -e "s#/usr/share/applications#$ROOT/usr/share/applications#g" \
        -e "s#/usr/share/desktop-directories#$ROOT/usr/share/desktop-directories#g" \
        -e "s#/etc/xdg/menus#$ROOT/etc/xdg/menus#g" "$WORK/control/$script" > "$WORK/$script"
done
for tool in xdg-desktop-menu xdg-mime xdg-icon-resource; do
    printf '#!/bin/sh\necho "%s: No writable system menu directory found." >&2\nexit 3\n' "$tool" > "$WORK/bin/$tool"
    chmod +x "$WORK/bin/$tool"
done
PATH="$WORK/bin:$PATH" sh "$WORK/postinst" configure
[ "$("$ROOT/usr/bin/framewise")" = Framewise ] || { echo "deb: postinst made no working framewise command" >&2; exit 1; }
PATH="$WORK/bin:$PATH" sh "$WORK/prerm" remove
[ ! -e "$ROOT/usr/bin/framewise" ] || { echo "deb: prerm left the framewise command" >&2; exit 1; }
echo "deb: postinst and prerm succeed with failing menu commands; the framewise command comes and goes"
