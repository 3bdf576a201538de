#!/usr/bin/env bash
# Installs tools/target/needlepen.deb on this machine (as root; systemd need not run), checks what it created, removes
# it (the records must stay), purges it (it must say what it removes and archive the records), and checks that.
# CI runs it after the tests (.ci/run); it leaves the machine as it found it but for the archive in /var/backups and
# the gpio, spi and i2c groups (the system's, which the package creates when missing and never removes).
set -euo pipefail
deb="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/target/needlepen.deb"
fail() { echo "install-check: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "must run as root"
[ -f "$deb" ] || fail "$deb is missing: ./mvnw -DskipTests package first"
if dpkg -s needlepen >/dev/null 2>&1; then fail "needlepen is already installed here; purge it first"; fi

echo "== dpkg-deb -I"; dpkg-deb -I "$deb"
echo "== dpkg-deb -c (jars in lib/ counted)"; dpkg-deb -c "$deb" | grep -v '/lib/.*\.jar$' | grep -v '/docs/'
echo "   $(dpkg-deb -c "$deb" | grep -c '/lib/.*\.jar$') jars in /usr/share/needlepen/lib"
listing="$(dpkg-deb -c "$deb")"
for f in ./usr/bin/needlepen ./usr/share/needlepen/needlepen.jar ./lib/systemd/system/needlepen.service \
         ./etc/needlepen/profile.yaml ./usr/share/doc/needlepen/sbom.cdx.json; do
  grep -q " $f\$" <<<"$listing" || fail "$f is not in the package"
done

echo "== install"; dpkg -i "$deb"
for g in gpio spi i2c dialout; do id -nG needlepen | tr ' ' '\n' | grep -qx "$g" || fail "needlepen not in $g"; done
[ "$(stat -c %U /var/lib/needlepen)" = needlepen ] || fail "/var/lib/needlepen is not needlepen's"
[ -f /lib/systemd/system/needlepen.service ] || fail "no unit"
grep -q '^ExecStart=/usr/bin/needlepen run --profile /etc/needlepen/profile.yaml' /lib/systemd/system/needlepen.service \
  || fail "the unit does not run needlepen run"
/usr/bin/needlepen --version >/dev/null || fail "the installed launcher does not start"
echo "record" > /var/lib/needlepen/check-record

echo "== remove"; out="$(apt-get remove -y needlepen 2>&1)"; echo "$out" | grep 'needlepen:' || true
[ -f /var/lib/needlepen/check-record ] || fail "remove lost the records"
[ -f /etc/needlepen/profile.yaml ] || fail "remove lost the configuration"

echo "== purge"; out="$(apt-get purge -y needlepen 2>&1)"; echo "$out" | grep 'needlepen:' || true
echo "$out" | grep -q 'needlepen: archived the records' || fail "purge did not say it archived the records"
echo "$out" | grep -q 'needlepen: removed /var/lib/needlepen' || fail "purge did not say what it removed"
[ ! -e /var/lib/needlepen ] || fail "purge left /var/lib/needlepen"
! id needlepen >/dev/null 2>&1 || fail "purge left the user"
archive="$(ls -t /var/backups/needlepen-records-*.tar.gz | head -n1)"
tar -xzOf "$archive" needlepen/check-record | grep -q record || fail "the archive does not hold the records"
echo "install-check: OK (records archived to $archive)"
