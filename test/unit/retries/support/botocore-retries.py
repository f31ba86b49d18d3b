"""Runs retry scenarios through the installed botocore, for differential tests.

Reads one JSON list of scenarios on stdin, writes one JSON list of results on
stdout: a whole test file costs a single Python start.

A scenario names a retry setup (a real botocore client's handler, or
botocore's lower-level pieces with an injected clock) and a list of steps;
each step's result records what botocore decided and what it wrote back
(response metadata, request context, quota, rate limiter state).
"""
import base64
import copy
import json
import math
import os
import sys

import botocore.session
from botocore import exceptions, retryhandler, translate
from botocore.config import Config
from botocore.retries import adaptive, bucket, quota, standard, throttling

ERROR_CLASSES = {
    "ReadTimeoutError": lambda: exceptions.ReadTimeoutError(endpoint_url="https://h"),
    "ConnectTimeoutError": lambda: exceptions.ConnectTimeoutError(endpoint_url="https://h"),
    "EndpointConnectionError": lambda: exceptions.EndpointConnectionError(endpoint_url="https://h"),
    "ConnectionClosedError": lambda: exceptions.ConnectionClosedError(endpoint_url="https://h"),
    "ConnectionError": lambda: exceptions.ConnectionError(error="boom"),
    "HTTPClientError": lambda: exceptions.HTTPClientError(error="boom"),
    "SSLError": lambda: exceptions.SSLError(endpoint_url="https://h", error="boom"),
    "ProxyConnectionError": lambda: exceptions.ProxyConnectionError(proxy_url="http://p", error="boom"),
    "ResponseStreamingError": lambda: exceptions.ResponseStreamingError(error="boom"),
    "ChecksumError": lambda: exceptions.ChecksumError(checksum_type="crc32", expected_checksum=1, actual_checksum=2),
    "NoCredentialsError": lambda: exceptions.NoCredentialsError(),
}


class FakeHTTP:
    def __init__(self, status, headers, content):
        self.status_code = status
        self.headers = headers
        self.content = content


class FakeRandom:
    def __init__(self, values):
        self.values = values or [0.5]
        self.index = 0

    def random(self):
        value = self.values[self.index % len(self.values)]
        self.index += 1
        return value


class FakeClock:
    def __init__(self, start):
        self.now = start
        self.slept = []

    def current_time(self):
        return self.now

    def sleep(self, amount):
        # A real sleep always lets time pass: without this a remainder below
        # the clock's resolution would make the token bucket wait forever.
        self.slept.append(amount)
        if len(self.slept) > 10000:
            raise RuntimeError("fake clock: endless sleeping")
        before = self.now
        self.now += amount
        if self.now == before:
            self.now = before + 1e-9


class FakeCondition:
    """Stands in for the token bucket's threading.Condition: waiting advances the fake clock."""

    def __init__(self, clock):
        self.clock = clock

    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False

    def wait(self, timeout):
        self.clock.sleep(timeout)

    def notify(self):
        pass


_sessions = {}


def session_for(env, fresh):
    key = json.dumps(env, sort_keys=True)
    if fresh or key not in _sessions:
        os.environ.clear()
        os.environ.update({"AWS_EC2_METADATA_DISABLED": "true", **env})
        session = botocore.session.get_session()
        if fresh:
            return session
        _sessions[key] = session
    os.environ.clear()
    os.environ.update({"AWS_EC2_METADATA_DISABLED": "true", **env})
    return _sessions[key]


def make_client(scenario, mode):
    env = scenario.get("env") or {}
    retries = dict(scenario.get("retries") or {})
    retries["mode"] = mode
    # An Organizations client rewrites the shared _retry definitions (see
    # legacy-policy.ts): give it a session of its own.
    session = session_for(env, fresh=scenario["service"] == "organizations")
    return session.create_client(
        scenario["service"],
        region_name="us-east-1",
        aws_access_key_id="AKID",
        aws_secret_access_key="SECRET",
        config=Config(retries=retries),
    )


def registered(client, unique_id):
    return client.meta.events._emitter._unique_id_handlers[unique_id]["handler"]


def build_response(spec):
    if spec is None:
        return None
    headers = {k.lower(): v for k, v in (spec.get("headers") or {}).items()}
    content = base64.b64decode(spec.get("body_b64") or "")
    http = FakeHTTP(spec["status"], headers, content)
    parsed = {}
    if spec.get("code") is not None:
        parsed["Error"] = {"Code": spec["code"], "Message": "m"}
    if spec.get("metadata", True):
        parsed["ResponseMetadata"] = {"HTTPStatusCode": spec["status"]}
    return http, parsed


def describe_error(error):
    return {"class": type(error).__name__, "message": str(error)}


def finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def run_scenario(scenario):
    kind = scenario["kind"]
    new_retries = bool(scenario.get("new_retries"))
    standard.NEW_RETRIES_ENABLED = new_retries
    rand = FakeRandom(scenario.get("random"))
    retryhandler.random = rand
    handler = None
    quota_checker = None
    limiter = None
    clock = None
    service_model = None

    if kind == "legacy-custom":
        session = session_for({}, fresh=False)
        service_model = session.get_service_model(scenario["service"])
        data = copy.deepcopy(scenario["retry_data"])
        if not data:
            # ClientCreator registers no handler without retry data.
            handler = lambda **kwargs: None
        total = (scenario.get("retries") or {}).get("total_max_attempts")
        client_retries = None if total is None else {"max_attempts": total - 1}
        if data:
            config = translate.build_retry_config(
                service_model.endpoint_prefix, data.get("retry", {}), data.get("definitions", {}), client_retries
            )
            handler = retryhandler.create_retry_handler(config, service_model.endpoint_prefix)
    elif kind == "legacy":
        client = make_client(scenario, "legacy")
        service_model = client.meta.service_model
        handler = registered(client, "retry-config-" + service_model.service_id.hyphenize())
    elif kind in ("standard", "adaptive"):
        client = make_client(scenario, "standard")
        service_model = client.meta.service_model
        bound = registered(client, "retry-config-" + service_model.service_id.hyphenize())
        retry_handler = bound.__self__
        retry_handler._retry_policy._retry_backoff._random = rand.random
        quota_checker = retry_handler._retry_quota
        handler = bound
        if kind == "adaptive":
            clock = FakeClock(scenario.get("start", 0.0))
            retry_handler._sleep = clock.sleep
            token_bucket = bucket.TokenBucket(max_rate=1, clock=clock)
            token_bucket._new_fill_rate_condition = FakeCondition(clock)
            limiter = adaptive.ClientRateLimiter(
                rate_adjustor=throttling.CubicCalculator(starting_max_rate=0, start_time=clock.current_time()),
                rate_clocker=adaptive.RateClocker(clock),
                token_bucket=token_bucket,
                throttling_detector=standard.ThrottlingErrorDetector(retry_event_adapter=standard.RetryEventAdapter()),
                clock=clock,
            )
        else:
            clock = FakeClock(0.0)
            retry_handler._sleep = clock.sleep
    else:
        raise ValueError("unknown scenario kind " + kind)

    contexts = {}
    results = []
    for step in scenario["steps"]:
        call = step.get("call", "c1")
        context = contexts.setdefault(call, {"retries": {"attempt": 1, "invocation-id": "id-" + call}})
        if "t" in step and clock is not None:
            clock.now = step["t"]
        if "dt" in step and clock is not None:
            clock.now += step["dt"]
        if clock is not None:
            clock.slept = []
        out = {}
        if step.get("send"):
            limiter.on_sending_request(request=None)
        elif "after_call" in step:
            quota_checker.release_retry_quota(context=context, http_response=FakeHTTP(step["after_call"], {}, b""))
        else:
            context["retries"]["attempt"] = step["attempt"]
            response = build_response(step.get("response"))
            error = ERROR_CLASSES[step["error"]]() if step.get("error") else None
            operation = service_model.operation_model(step["op"])
            kwargs = dict(
                response=response,
                attempts=step["attempt"],
                caught_exception=error,
                operation=operation,
                request_dict={"context": context},
            )
            try:
                out["result"] = handler(**kwargs)
                out["raised"] = None
            except Exception as e:
                # Re-raising the attempt's own error is botocore's way of not retrying it.
                out["result"] = None
                out["raised"] = None if e is error else describe_error(e)
            if limiter is not None:
                limiter.on_receiving_response(**kwargs)
            out["metadata"] = None if response is None else response[1].get("ResponseMetadata")
        out["retries"] = context.get("retries")
        out["capacity"] = context.get("retry_quota_capacity")
        out["available"] = None if quota_checker is None else quota_checker._quota.available_capacity
        if clock is not None:
            out["slept"] = list(clock.slept)
        if limiter is not None:
            params = limiter._rate_adjustor.get_params_snapshot()
            out["limiter"] = {
                "enabled": limiter._enabled,
                "measured": limiter._rate_clocker.measured_rate,
                "max_rate": finite(limiter._token_bucket.max_rate),
                "max_capacity": finite(limiter._token_bucket.max_capacity),
                "available": finite(limiter._token_bucket.available_capacity),
                "w_max": params.w_max,
                "k": params.k,
                "last_fail": params.last_fail,
            }
        results.append(out)
    return results


def main():
    scenarios = json.load(sys.stdin)
    answers = []
    for scenario in scenarios:
        try:
            answers.append({"steps": run_scenario(scenario)})
        except Exception as e:  # a setup failure is an answer too
            answers.append({"error": describe_error(e)})
    json.dump(answers, sys.stdout)


main()
