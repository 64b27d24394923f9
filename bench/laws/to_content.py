#!/usr/bin/env python3
"""Turns the laws corpus (JSON lines on stdin) into a watwerkt content folder of
publications, so the benchmark imports it through the real import path.

    zstd -dc ../shared/data/laws_nl_2017.jsonl.zst | python3 bench/laws/to_content.py OUT

Each law becomes publicaties/<id in lower case>.md with type `regelgeving`; the
title is the citeertitel when there is one (the known-item query of the
benchmark), else the title. Also writes OUT/known-items.tsv: citeertitel<TAB>slug.
"""
import json
import os
import sys


def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def main() -> None:
    out = sys.argv[1]
    pdir = os.path.join(out, "publicaties")
    os.makedirs(pdir, exist_ok=True)
    known = []
    seen = set()
    for line in sys.stdin:
        d = json.loads(line)
        slug = d["id"].lower()
        if slug in seen:
            continue
        seen.add(slug)
        cite = (d.get("citeertitel") or "").strip()
        title = cite or (d.get("title") or "").strip() or d["id"]
        body = (d.get("text") or "").replace("\r\n", "\n").strip("\n")
        with open(os.path.join(pdir, slug + ".md"), "w", encoding="utf-8") as f:
            f.write("---\n")
            f.write(f"slug: {slug}\n")
            f.write(f"titel: {q(title)}\n")
            f.write("type: regelgeving\n")
            f.write("status: gepubliceerd\n")
            f.write(f"link: https://wetten.overheid.nl/{d['id']}\n")
            f.write("---\n")
            if body:
                f.write("\n" + body + "\n")
        if cite:
            known.append((cite, slug))
    with open(os.path.join(out, "known-items.tsv"), "w", encoding="utf-8") as f:
        for cite, slug in known:
            f.write(f"{cite}\t{slug}\n")
    print(f"{len(seen)} publicaties, {len(known)} met citeertitel", file=sys.stderr)


if __name__ == "__main__":
    main()
