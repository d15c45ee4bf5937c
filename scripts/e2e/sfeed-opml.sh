#!/usr/bin/env bash
# sfeed-opml.sh BASE DIR: imports BASE/opml.xml into sfeed (Debian's sfeed_opml_import), fetches every
# subscription with sfeed_update, and checks what a reader who imports the OPML gets: one subscription
# per feed (the site and each tag; never the same feed in several formats) and, in every subscription,
# each article once. The site subscription must hold exactly the JSON Feed's items.
set -euo pipefail
base=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir/feeds"
curl -fsS --max-time 20 -o "$dir/opml.xml" "$base/opml.xml"
curl -fsS --max-time 20 -o "$dir/feed.json" "$base/feed.json"
curl -fsS --max-time 20 -o "$dir/tags.json" "$base/api/tags"
{ echo "sfeedpath=\"$dir/feeds\""; echo "maxjobs=4"; sfeed_opml_import <"$dir/opml.xml"; } >"$dir/sfeedrc"
sfeed_update "$dir/sfeedrc"
python3 - "$dir" <<'PY'
import json, os, re, sys
d = sys.argv[1]
rc = open(f"{d}/sfeedrc", encoding="utf-8").read()
subs = re.findall(r"^\s*feed '([^']*)' '([^']*)'", rc, re.M)
tags = json.load(open(f"{d}/tags.json", encoding="utf-8"))["tags"]
site_ids = [i["id"] for i in json.load(open(f"{d}/feed.json", encoding="utf-8"))["items"]]
bad = []
if len(subs) != 1 + len(tags):
    bad.append(f"{len(subs)} subscriptions for {1 + len(tags)} feeds (the site and {len(tags)} tags)")
dirs = {re.sub(r"/(feed\.xml|atom\.xml|feed\.json)$", "", u) for _, u in subs}
if len(dirs) != len(subs):
    bad.append("the same feed is subscribed in more than one format")
for name, url in subs:
    path = f"{d}/feeds/{name}"
    lines = open(path, encoding="utf-8").read().splitlines() if os.path.exists(path) else []
    ids = [l.split("\t")[5] for l in lines if l.count("\t") >= 5]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        bad.append(f"{name}: articles delivered more than once: {dup}")
    if url.rstrip("/").endswith(tuple(["/atom.xml", "/feed.xml", "/feed.json"])) and "/tags/" not in url:
        if sorted(ids) != sorted(site_ids):
            bad.append(f"{name}: {len(ids)} items, the JSON Feed has {len(site_ids)}")
    print(f"{name}: {len(ids)} articles, each once" if not dup else f"{name}: duplicates")
total = sum(1 for n, _ in subs for _ in open(f"{d}/feeds/{n}", encoding="utf-8")) if not bad else 0
print(f"{len(subs)} subscriptions, {total} items in all")
if bad:
    print("\n".join(f"FAIL {b}" for b in bad))
    sys.exit(1)
PY
