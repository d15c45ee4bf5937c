#!/usr/bin/env bash
# compressed.sh BASE MANIFEST DIR: compression as real clients see it. For Atom, JSON Feed, OPML and RSS
# (site and one tag), curl --compressed asking gzip gets gzip and asking "br, gzip" gets brotli when the
# route has a brotli body (no origin spliced in: BASE_URL configured) and gzip otherwise; every coded
# answer says `Vary: Accept-Encoding`, is smaller than the identity body, and decodes (by curl, and the raw
# bytes again by node:zlib) to exactly the identity bytes; a client that asks for nothing gets identity.
# Then real readers read the compressed feeds: sfeed through curl --compressed, feedsmith through Node's
# fetch (which asks for and decodes gzip), each seeing the JSON Feed's items.
set -uo pipefail
base=$1 manifest=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
fail=0
bad() { echo "FAIL $*"; fail=1; }
tag=$(node -e 'const m=require(process.argv[1]);console.log(Object.keys(m.routes).filter(p=>/^\/tags\/[^/]+\/atom\.xml$/.test(p)).sort()[0]??"")' "$manifest")
paths=(/atom.xml /feed.json /opml.xml /feed.xml)
[ -n "$tag" ] && paths+=("$tag" "${tag%/atom.xml}/feed.json")
header() { grep -i "^$1:" "$2" | tail -n 1 | tr -d '\r' | cut -d: -f2- | sed 's/^ *//'; }
for p in "${paths[@]}"; do
  n=$(printf '%s' "$p" | tr '/' '_')
  id=$dir/$n.identity
  curl -fsS --max-time 20 -D "$id.h" -o "$id" "$base$p" || { bad "$p: identity download"; continue; }
  [ -z "$(header content-encoding "$id.h")" ] || bad "$p: Content-Encoding without Accept-Encoding"
  # br when the route has a brotli body; else gzip, or br when Cloudflare's front line (and Miniflare,
  # which models it) re-encodes the type for a client that prefers br (its list includes RSS, not Atom,
  # JSON Feed or OPML: https://developers.cloudflare.com/speed/optimization/content/compression/).
  br=$(node -e '
    const r = require(process.argv[1]).routes[process.argv[2]];
    const fl = ["application/rss+xml", "text/html", "application/json", "text/css", "image/svg+xml", "text/plain"];
    console.log(r && r.gaps === 0 ? "br" : fl.includes((r?.type ?? "").split(";")[0]) ? "br|gzip" : "gzip");
  ' "$manifest" "$p")
  for ae in gzip "br, gzip"; do
    want=gzip
    [ "$ae" = "br, gzip" ] && want=$br
    out=$dir/$n.${ae%%,*}
    curl -fsS --max-time 20 --compressed -H "Accept-Encoding: $ae" -D "$out.h" -o "$out.decoded" "$base$p" ||
      { bad "$p ($ae): download"; continue; }
    curl -fsS --max-time 20 -H "Accept-Encoding: $ae" -o "$out.raw" "$base$p" || { bad "$p ($ae): raw download"; continue; }
    got=$(header content-encoding "$out.h")
    [[ "|$want|" == *"|$got|"* ]] || bad "$p ($ae): Content-Encoding '$got', expected $want"
    header vary "$out.h" | grep -qi 'accept-encoding' || bad "$p ($ae): no Vary: Accept-Encoding"
    cmp -s "$out.decoded" "$id" || bad "$p ($ae): curl's decoded body differs from the identity body"
    node -e '
      const z = require("node:zlib"), fs = require("node:fs");
      const [raw, id, coding] = process.argv.slice(1);
      const bytes = fs.readFileSync(raw);
      const plain = coding === "br" ? z.brotliDecompressSync(bytes) : z.gunzipSync(bytes);
      if (!plain.equals(fs.readFileSync(id))) { console.error("node:zlib decoding differs"); process.exit(1); }
      if (bytes.length >= plain.length) { console.error(`not smaller: ${bytes.length} >= ${plain.length}`); process.exit(1); }
      console.log(`${coding} ${bytes.length} of ${plain.length} bytes`);
    ' "$out.raw" "$id" "$got" >"$out.log" 2>&1 || bad "$p ($ae): $(head -n 1 "$out.log")"
    echo "$p ($ae): $(cat "$out.log")"
  done
done
# Readers on compressed bodies: sfeed (RSS and Atom through curl --compressed) and feedsmith.
items=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).items.length)' "$dir/_feed.json.identity")
for p in /feed.xml /atom.xml; do
  got=$(curl -fsS --max-time 20 --compressed "$base$p" | sfeed | wc -l)
  [ "$got" -eq "$items" ] || bad "sfeed $p (compressed): $got items, the JSON Feed has $items"
  echo "sfeed $p (compressed): $got items"
done
"$(dirname "$0")/../../node_modules/.bin/tsx" "$(dirname "$0")/compressed-reader.ts" "$base" "${paths[@]}" || fail=1
exit $fail
