#!/usr/bin/env bash
# Installs the Debian packages the test suite checks feeds and pages with (independent validators and a
# real browser), so `npm test` on a fresh machine needs nothing installed by hand. Idempotent and quick
# when everything is there. Without root or apt, it says what is missing; under CI that is an error,
# because a suite that skips its validators proves less than it claims.
set -u
want=(jing:jing python3-feedparser:/usr/lib/python3/dist-packages/feedparser newsboat:newsboat chromium:chromium sfeed:sfeed_update)
missing=()
for pair in "${want[@]}"; do
  pkg=${pair%%:*}
  probe=${pair#*:}
  if [[ $probe == /* ]]; then [[ -e $probe ]] || missing+=("$pkg"); else command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg"); fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "ensure-tools: installing Debian packages: ${missing[*]}"
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "ensure-tools: installed ${missing[*]}"
    exit 0
  fi
fi
echo "ensure-tools: could not install ${missing[*]} (needs root and apt-get); tests that need them will be skipped" >&2
if [[ -n ${CI:-} ]]; then exit 1; fi
exit 0
