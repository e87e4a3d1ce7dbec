#!/bin/sh
# Builds this OS's packages, then smoke-tests the app image with the tiny test model through the real
# window (under xvfb-run when there is no display), and prints package sizes and times.
# Not part of `./mvnw verify`: it takes about 2-4 minutes and needs fakeroot/dpkg-deb (Linux) and a display.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
start=$(date +%s)
./mvnw -B -q -Pinstallers -pl installers -am -DskipTests package
built=$(date +%s)
echo "packages built in $((built - start)) s:"
ls -l installers/target/jpackage/ | grep -v '^total'
du -sh installers/target/jpackage/Framewise
for deb in installers/target/jpackage/*.deb; do
    [ -f "$deb" ] && sh installers/check-deb.sh "$deb"
done
LAUNCHER=installers/target/jpackage/Framewise/bin/Framewise
[ -x "$LAUNCHER" ] || LAUNCHER=installers/target/jpackage/Framewise.app/Contents/MacOS/Framewise
RUN=""
if [ -z "$DISPLAY" ] && [ "$(uname)" = Linux ]; then
    command -v xvfb-run >/dev/null || { echo "no display and no xvfb-run: apt-get install xvfb to smoke-test" >&2; exit 1; }
    RUN="xvfb-run -a"
fi
$RUN "$LAUNCHER" --smoke-test --model "$ROOT/engine/src/test/resources/qwen25vl-tiny"
echo "smoke test finished $(( $(date +%s) - built )) s after the build"
