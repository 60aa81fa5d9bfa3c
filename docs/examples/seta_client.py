#!/usr/bin/env python3
"""Get a SeTA token pair from the gateway the way existing SeTA clients do: sign 20 random letters.

Usage: seta_client.py [--url URL] [--username demo] [--provider github] [--key config/dev/demo_rsa]

Needs `requests` and pycryptodome: `pip install requests pycryptodome`, or Debian's python3-requests and
python3-pycryptodome. pip's pycryptodome is the module `Crypto`; Debian's package names it `Cryptodome` (same API),
so this script tries both.
"""
import argparse
import importlib
import json
import random
import string
import sys


def load_pycryptodome():
    """SHA256, RSA and pkcs1_15 from whichever name pycryptodome is installed under, or None."""
    for package in ("Crypto", "Cryptodome"):
        try:
            return (importlib.import_module(package + ".Hash.SHA256"),
                    importlib.import_module(package + ".PublicKey.RSA"),
                    importlib.import_module(package + ".Signature.pkcs1_15"))
        except ImportError:
            # not installed, or the unrelated old PyCrypto under the same name: try the other name
            continue
    return None


CRYPTO = load_pycryptodome()
try:
    import requests
except ImportError:
    requests = None

if CRYPTO is None or requests is None:
    missing = [name for name, module in (("pycryptodome", CRYPTO), ("requests", requests)) if module is None]
    sys.exit("seta_client.py needs %s: pip install %s (Debian: apt-get install %s)"
             % (" and ".join(missing), " ".join(missing), " ".join("python3-" + name for name in missing)))

SHA256, RSA, pkcs1_15 = CRYPTO


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
    try:
        response = requests.post(args.url + "/authentication/v1/token", json=body)
        if response.status_code != 200:
            sys.exit("%d %s" % (response.status_code, message_of(response)))
        tokens = response.json()
        print(json.dumps(tokens, indent=2))

        # refresh: the presented refresh token is consumed, a new pair comes back
        refreshed = requests.post(args.url + "/authentication/v1/token/refresh",
                                  headers={"Authorization": "Bearer " + tokens["refresh_token"]})
        print("refresh:", refreshed.status_code)
    except requests.exceptions.ConnectionError:
        sys.exit("cannot reach the gateway at %s: is it running?" % args.url)


def message_of(response):
    """The gateway's JSON error message, or the start of whatever else answered (a proxy's HTML page)."""
    try:
        return response.json().get("message")
    except ValueError:
        return response.text[:200]


if __name__ == "__main__":
    main()
