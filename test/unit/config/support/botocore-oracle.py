"""Answers config questions with the installed botocore, for differential tests.

Reads one JSON list of requests on stdin and writes one JSON list of answers
on stdout, so a whole test suite costs a single Python start. Each answer is
{"ok": value} or {"error": class name, "message": str(error)}.
"""
import json
import os
import shlex
import sys

import boto3
import botocore.session
from botocore import configloader
from botocore.config import Config


def answer(fn):
    try:
        return {"ok": fn()}
    except Exception as e:  # the test compares the class name and message
        return {"error": type(e).__name__, "message": str(e)}


def set_environ(env):
    os.environ.clear()
    os.environ.update(env)


def credentials(session):
    creds = session.get_credentials()
    if creds is None:
        return None
    frozen = creds.get_frozen_credentials()
    return {
        "access_key": frozen.access_key,
        "secret_key": frozen.secret_key,
        "token": frozen.token,
        "account_id": frozen.account_id,
        "method": creds.method,
    }


def session_call(session, call):
    fn = call["fn"]
    if fn == "get":
        return lambda: session.get_config_variable(call["name"])
    if fn == "scoped":
        return lambda: session.get_scoped_config()
    if fn == "full":
        return lambda: session.full_config
    if fn == "available_profiles":
        return lambda: session.available_profiles
    if fn == "profile":
        return lambda: session.profile
    if fn == "credentials":
        return lambda: credentials(session)
    raise ValueError(fn)


def run_session(request):
    set_environ(request.get("env", {}))
    made = {}

    def make():
        if request.get("boto3"):
            made["s"] = boto3.Session(**request.get("kwargs", {}))._session
        else:
            made["s"] = botocore.session.Session(profile=request.get("profile"))
            for name, value in request.get("instance", {}).items():
                made["s"].set_config_variable(name, value)
        return None

    created = answer(make)
    if "error" in created:
        return {"created": created, "calls": []}
    return {
        "created": created,
        "calls": [answer(session_call(made["s"], call)) for call in request.get("calls", [])],
    }


def config_vars(config):
    out = {name: getattr(config, name) for name in Config.OPTION_DEFAULTS}
    return out


def handle(request):
    op = request["op"]
    if op == "raw":
        set_environ(request.get("env", {}))
        return answer(lambda: configloader.raw_config_parse(request["path"], request.get("subsections", True)))
    if op == "load":
        set_environ(request.get("env", {}))
        return answer(lambda: configloader.load_config(request["path"]))
    if op == "multi":
        set_environ(request.get("env", {}))
        return answer(lambda: configloader.multi_file_load_config(*request["paths"]))
    if op == "session":
        return run_session(request)
    if op == "config":
        def build():
            config = Config(**request["kwargs"])
            for other in request.get("merge", []):
                config = config.merge(Config(**other))
            return config_vars(config)
        return answer(build)
    if op == "shlex":
        return answer(lambda: shlex.split(request["text"]))
    if op == "expand":
        set_environ(request.get("env", {}))
        return answer(lambda: os.path.expanduser(os.path.expandvars(request["path"])))
    if op == "int":
        return answer(lambda: int(request["value"]))
    if op == "smart_defaults":
        import copy
        set_environ(request.get("env", {}))

        def values():
            session = botocore.session.Session()
            for name, value in request.get("instance", {}).items():
                session.set_config_variable(name, value)
            store = copy.copy(session.get_component("config_store"))
            factory = session._get_internal_component("smart_defaults_factory")
            factory.merge_smart_defaults(store, request["mode"], request.get("region"))
            names = ["retry_mode", "sts_regional_endpoints", "connect_timeout", "s3", "max_attempts", "region"]
            client = {name: store.get_config_variable(name) for name in names}
            untouched = {name: session.get_config_variable(name) for name in names}
            return {"client": client, "session": untouched}
        return answer(values)
    if op == "snake_ids":
        from botocore.configprovider import ConfiguredEndpointProvider

        def ids():
            provider = ConfiguredEndpointProvider({}, {}, "s3", environ={})
            return [provider._get_snake_case_service_id(name) for name in request["names"]]
        return answer(ids)
    if op == "resolver_methods":
        set_environ(request.get("env", {}))
        from botocore.credentials import create_credential_resolver

        def methods():
            session = botocore.session.Session(profile=request.get("profile"))
            return [p.METHOD for p in create_credential_resolver(session).providers]
        return answer(methods)
    raise ValueError(op)


def main():
    requests = json.load(sys.stdin)
    json.dump([handle(r) for r in requests], sys.stdout)


main()
