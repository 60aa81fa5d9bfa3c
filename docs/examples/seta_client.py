#!/usr/bin/env python3
"""Get a SeTA token pair from the gateway the way existing SeTA clients do: sign 20 random letters.

Usage: seta_client.py [--url URL] [--username demo] [--provider github] [--key config/dev/demo_rsa]

Needs `requests` and pycryptodome (`pip install requests pycryptodome`, or Debian's
python3-requests and python3-pycryptodome, which names the module Cryptodome).
"""
import argparse
import json
import random
import string

import requests

try:
    from Crypto.Hash import SHA256
    from Crypto.PublicKey import RSA
    from Crypto.Signature import pkcs1_15
except ImportError:  # Debian's python3-pycryptodome
    from Cryptodome.Hash import SHA256
    from Cryptodome.PublicKey import RSA
    from Cryptodome.Signature import pkcs1_15


def sign(key_path, message):
    with open(key_path) as f:
        key = RSA.import_key(f.read())
    digest = SHA256.new(message.encode("utf-8"))
    return pkcs1_15.new(key).sign(digest).hex()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:8080")
    parser.add_argument("--username", default="demo")
    parser.add_argument("--provider", default="github")
    parser.add_argument("--key", default="config/dev/demo_rsa")
    args = parser.parse_args()

    message = "".join(random.choice(string.ascii_lowercase) for _ in range(20))
    body = {
        "username": args.username,
        "provider": args.provider,
        "rsa_original_message": message,
        "rsa_message_signature": sign(args.key, message),
    }
    response = requests.post(args.url + "/authentication/v1/token", json=body)
    if response.status_code != 200:
        raise SystemExit("%d %s" % (response.status_code, response.json().get("message")))
    tokens = response.json()
    print(json.dumps(tokens, indent=2))

    # refresh: the presented refresh token is consumed, a new pair comes back
    refreshed = requests.post(args.url + "/authentication/v1/token/refresh",
                              headers={"Authorization": "Bearer " + tokens["refresh_token"]})
    print("refresh:", refreshed.status_code)


if __name__ == "__main__":
    main()
