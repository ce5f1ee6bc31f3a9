#!/usr/bin/env python3
"""Markdown table of `cargo bench --bench ops` results: median ns per operation.

Reads criterion's estimates in target/criterion/<op>/<type>/<baseline>/estimates.json.
Usage: python3 scripts/bench_ops_table.py [baseline]   (default: new)
"""
import json
import pathlib
import sys

OPS = ["multiply", "divide", "exp", "sin", "powf"]
TYPES = ["f64", "Dual64", "HyperDual64"] + [
    f"{t}<{n}>" for t in ("DualVec64", "HyperDualVec64") for n in (1, 2, 4, 8, 16)
]


def dirname(t):
    return t.replace("<", "_").replace(">", "_")


def main():
    baseline = sys.argv[1] if len(sys.argv) > 1 else "new"
    root = pathlib.Path("target/criterion")
    print("| type | " + " | ".join(OPS) + " |")
    print("|---|" + "---:|" * len(OPS))
    for t in TYPES:
        cells = []
        for op in OPS:
            f = root / op / dirname(t) / baseline / "estimates.json"
            if f.exists():
                ns = json.loads(f.read_text())["median"]["point_estimate"]
                cells.append(f"{ns:.3g}" if ns < 100 else f"{ns:.0f}")
            else:
                cells.append("-")
        print(f"| `{t}` | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
