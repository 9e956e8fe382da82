#!/usr/bin/env python3
"""Seeds the benchmark: a catalog with large stock and a pool of signed-in users, each with three lines in the cart.
Usage: seed.py API_URL ADMIN_PASSWORD PRODUCTS USERS WORK_DIR. Writes WORK_DIR/tokens.txt and prints the first
product id."""
import json, sys, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor

api, admin_password, products, users, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def call(path, body, token=None, method="POST"):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(api + path, json.dumps(body).encode(), headers, method=method)
    for _ in range(30):
        try:
            with urllib.request.urlopen(request) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            # The API sheds password hashing under load with 429 and Retry-After; a good client waits and retries.
            if error.code != 429:
                raise
            time.sleep(float(error.headers.get("Retry-After", "1")))
    raise RuntimeError(f"{path} still refused after 30 tries")

def login(username, password):
    return call("/users/login", {"username": username, "password": password})["access_token"]

admin = login("admin", admin_password)
ids = [call("/products", {"name": f"Benchmark product {i}", "description": "Seeded for the benchmark",
                          "price": 19.99, "stock": 1_000_000}, admin)["id"] for i in range(products)]
assert ids == list(range(ids[0], ids[0] + products)), "product ids are not contiguous"

def customer(i):
    name = f"bench_{i}"
    call("/users/register", {"username": name, "password": "bench-password"})
    token = login(name, "bench-password")
    for line in range(3):
        call(f"/cart/items/{ids[(i * 3 + line) % len(ids)]}", {"quantity": 1 + line}, token, method="PUT")
    return token

with ThreadPoolExecutor(8) as pool:
    tokens = list(pool.map(customer, range(users)))
with open(f"{work}/tokens.txt", "w") as out:
    out.write("\n".join(tokens) + "\n")
print(ids[0])
