#!/usr/bin/env python3
"""Writes a product's price through one API replica and reads it at once through the other, turn about, and counts the
reads that still show an older price. Run it against a system started with two API replicas (for example
`scripts/run.sh --Scale:api=2`), on the replicas' own addresses.

Usage: bench/stale-reads.py <first replica URL> <second replica URL> <admin password> [writes, default 1000]
"""
import json
import sys
import time
import urllib.request


def call(base, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(base + path, data, headers, method=method)) as response:
        return json.load(response)


def main():
    first, second, password = sys.argv[1:4]
    writes = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    token = call(first, "POST", "/users/login", {"username": "admin", "password": password})["access_token"]
    name = f"stale-reads-{time.time_ns()}"
    product = call(first, "POST", "/products", {"name": name, "price": 1, "stock": 5}, token)["id"]
    stale = 0
    for i in range(writes):
        writer, reader = (first, second) if i % 2 == 0 else (second, first)
        call(reader, "GET", f"/products/{product}")
        price = 2 + i
        call(writer, "PUT", f"/products/{product}", {"name": name, "price": price, "stock": 5}, token)
        if float(call(reader, "GET", f"/products/{product}")["price"]) != price:
            stale += 1
    print(f"{writes} writes, {stale} stale reads through the other replica")


if __name__ == "__main__":
    main()
