"""Builds boto3 sessions and clients from combinations of arguments, Config,
environment and config-file profiles, and reports what each resolved.

Reads one JSON list of combinations on stdin and writes one JSON list of
answers on stdout (a whole test file costs one Python start). Every answer
is {"ok": value} or {"error": class name, "message": str(error)}.

Credentials are resolved on their own first; the client is then created with
the session's get_credentials answering what was found (or None), so that
the client's answer is about configuration only (boto3-ts resolves
credentials on a client's first call, botocore when it creates the client).
"""
import json
import os
import socket
import sys

# No test reaches anything but loopback (never 169.254.169.254).
_connect = socket.socket.connect


def _guarded_connect(sock, address):
    host = address[0] if isinstance(address, tuple) else str(address)
    if not (str(host).startswith("127.") or host in ("localhost", "::1")):
        raise OSError(f"connection to {host} refused by the test harness")
    return _connect(sock, address)


socket.socket.connect = _guarded_connect

import boto3  # noqa: E402
import botocore.loaders  # noqa: E402
import botocore.session  # noqa: E402
from botocore import UNSIGNED  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.validate import ParamValidationDecorator  # noqa: E402

# One loader per data path for the whole run: parsing models once keeps 200+
# clients fast. boto3 appends its data path to the loader of every session;
# the duplicates are dropped after each session is made.
_loaders = {}
_create_loader = botocore.loaders.create_loader


def _shared_loader(search_path_string=None):
    if search_path_string not in _loaders:
        _loaders[search_path_string] = _create_loader(search_path_string)
    return _loaders[search_path_string]


botocore.session.create_loader = _shared_loader

UNSIGNED_MARK = "__UNSIGNED__"


def answer(fn):
    try:
        return {"ok": fn()}
    except Exception as e:  # the test compares the class name and message
        return {"error": type(e).__name__, "message": str(e)}


def set_environ(env):
    os.environ.clear()
    os.environ.update(env)


def plain(value):
    if value is UNSIGNED:
        return UNSIGNED_MARK
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def make_config(kwargs):
    if kwargs is None:
        return None
    kwargs = dict(kwargs)
    if kwargs.get("signature_version") == UNSIGNED_MARK:
        kwargs["signature_version"] = UNSIGNED
    return Config(**kwargs)


def dedupe_search_paths(loader):
    seen = set()
    kept = [p for p in loader.search_paths if not (p in seen or seen.add(p))]
    loader.search_paths[:] = kept


def client_facts(client):
    meta = client.meta
    config = {
        name: plain(getattr(meta.config, name))
        for name in Config.OPTION_DEFAULTS
        if name != "user_agent"
    }
    resolver = client._ruleset_resolver
    builtins = {}
    if resolver is not None:
        builtins = {
            name: plain(value)
            for name, value in resolver._builtins.items()
            if name != "AWS::Auth::AccountId"
        }
    signer = client._request_signer
    http = client._endpoint.http_session
    return {
        "region_name": meta.region_name,
        "endpoint_url": meta.endpoint_url,
        "partition": meta.partition,
        "api_version": meta.service_model.api_version,
        "config": config,
        "parameter_validation": isinstance(client._serializer, ParamValidationDecorator),
        "signing": [signer._region_name, signer._signing_name, plain(signer._signature_version)],
        "builtins": builtins,
        "verify": plain(http._verify),
        "timeouts": [http._timeout._connect, http._timeout._read],
    }


def credentials_facts(creds):
    if creds is None:
        return None
    return {"method": creds.method, "access_key": creds.access_key, "has_token": creds.token is not None}


def run(combo):
    set_environ(combo["env"])
    made = {}

    def make_session():
        made["s"] = boto3.Session(**combo.get("session", {}))
        dedupe_search_paths(made["s"]._loader)

    out = {"session": answer(make_session)}
    if "error" in out["session"]:
        return out
    session = made["s"]
    core = session._session
    out["variables"] = {name: answer(lambda: plain(core.get_config_variable(name))) for name in combo["variables"]}

    found = {}

    def load_credentials():
        found["c"] = core.get_credentials()
        return credentials_facts(found["c"])

    out["credentials"] = answer(load_credentials)
    core.get_credentials = lambda: found.get("c")
    kwargs = dict(combo.get("client", {}))
    config = combo.get("config")
    out["client"] = answer(
        lambda: client_facts(session.client(combo["service"], config=make_config(config), **kwargs))
    )
    return out


def main():
    combos = json.load(sys.stdin)
    json.dump([run(c) for c in combos], sys.stdout)


main()
