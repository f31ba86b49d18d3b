// Proxy selection against botocore: the environment's proxies and NO_PROXY
// (get_environ_proxies / should_bypass_proxies), proxy URL fixing, basic
// auth from the URL, and the masked URL in ProxyConnectionError.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { environProxies, fixProxyUrl, maskProxyUrl, proxyAuthorization, proxyUrlFor } from "../../../src/http/proxies.js";
import { runPython } from "../../support/python.js";

const PROXY = "http://proxy.local:3128";

const ENVIRONMENTS: Record<string, string>[] = [
  {},
  { HTTP_PROXY: PROXY },
  { http_proxy: PROXY, HTTPS_PROXY: "http://other:8080" },
  { HTTP_PROXY: "http://upper:1", http_proxy: "http://lower:2" },
  { HTTP_PROXY: "http://upper:1", http_proxy: "" },
  { HTTPS_PROXY: PROXY, NO_PROXY: "*" },
  { HTTPS_PROXY: PROXY, NO_PROXY: "amazonaws.com" },
  { HTTPS_PROXY: PROXY, no_proxy: ".amazonaws.com" },
  { HTTPS_PROXY: PROXY, NO_PROXY: "s3.amazonaws.com, localhost" },
  { HTTPS_PROXY: PROXY, NO_PROXY: "S3.AMAZONAWS.COM" },
  { HTTPS_PROXY: PROXY, NO_PROXY: "ws.com" },
  { HTTPS_PROXY: PROXY, NO_PROXY: "127.0.0.1:4566,sqs.us-east-1.amazonaws.com:443" },
  { HTTPS_PROXY: PROXY, NO_PROXY: " , ,..localhost" },
  { HTTPS_PROXY: PROXY, NO_PROXY: "", no_proxy: "localhost" },
  { HTTP_PROXY: PROXY, REQUEST_METHOD: "GET" },
  { http_proxy: PROXY, REQUEST_METHOD: "GET" },
  { HTTPS_proxy: PROXY, Ftp_Proxy: "http://ftp:21", ALL_PROXY: "socks5://all:1080" },
];

const URLS = [
  "https://s3.amazonaws.com",
  "https://dynamodb.us-east-1.amazonaws.com/",
  "https://sqs.us-east-1.amazonaws.com:443/q",
  "http://localhost:4566",
  "http://127.0.0.1:4566/",
  "http://[::1]:4566/",
  "https://user:pw@host.example.com/",
];

describe("proxies from the environment, as botocore's get_environ_proxies", () => {
  test("every environment and URL gives botocore's proxies", () => {
    const cases = ENVIRONMENTS.flatMap((env) => URLS.map((url) => ({ env, url })));
    const expected = runPython<Record<string, string>[]>(
      `
import json, os, sys
from botocore.utils import get_environ_proxies
out = []
for case in json.load(sys.stdin):
    for key in list(os.environ):
        if key.lower().endswith('_proxy') or key == 'REQUEST_METHOD':
            del os.environ[key]
    os.environ.update(case['env'])
    out.append(get_environ_proxies(case['url']))
print(json.dumps(out))
`,
      cases,
    );
    cases.forEach((kase, i) => {
      assert.deepEqual(environProxies(kase.url, kase.env), expected[i], JSON.stringify(kase));
    });
  });
});

describe("proxy URLs, as botocore's ProxyConfiguration", () => {
  const urls = [
    "http://proxy:3128",
    "https://proxy:3128",
    "proxy:3128",
    "//proxy:3128",
    "http://user:pass@proxy:3128",
    "http://user%40corp:p%3Ass%20w@proxy:3128",
    "http://user:@proxy:3128",
    "http://:pass@proxy:3128",
    "http://user@proxy:3128",
    "https://admin:Secret-1@proxy.example.com:8443/",
  ];

  test("fixing, per-scheme lookup, basic auth and the masked URL match botocore", () => {
    const expected = runPython<{ fixed: string; auth: string | null; masked: string }[]>(
      `
import json, sys
from botocore.httpsession import ProxyConfiguration, mask_proxy_url
config = ProxyConfiguration()
out = []
for url in json.load(sys.stdin):
    fixed = config._fix_proxy_url(url)
    out.append({'fixed': fixed, 'auth': config.proxy_headers_for(fixed).get('Proxy-Authorization'), 'masked': mask_proxy_url(fixed)})
print(json.dumps(out))
`,
      urls,
    );
    urls.forEach((url, i) => {
      const fixed = fixProxyUrl(url);
      assert.equal(fixed, expected[i]!.fixed, url);
      assert.equal(proxyAuthorization(fixed) ?? null, expected[i]!.auth, url);
      assert.equal(maskProxyUrl(fixed), expected[i]!.masked, url);
    });
  });

  test("where botocore's masking would leave the password visible, the credentials are masked anyway", () => {
    // botocore replaces the first occurrence of each credential anywhere in the URL:
    // for http://u:p@proxy it masks the "p" of "http" and shows the password.
    assert.equal(maskProxyUrl("http://u:p@proxy:3128"), "http://***:***@proxy:3128");
    assert.equal(maskProxyUrl("http://tt:tt@proxy:3128"), "http://***:***@proxy:3128");
  });

  test("proxies are chosen by the request's scheme only", () => {
    const proxies = { http: "proxy:1", "https://s3.amazonaws.com": "http://ignored:2" };
    assert.equal(proxyUrlFor("http://localhost:4566/x", proxies), "http://proxy:1");
    assert.equal(proxyUrlFor("https://s3.amazonaws.com/b", proxies), undefined);
    assert.equal(proxyUrlFor("https://s3.amazonaws.com/b", { https: "" }), undefined);
  });
});
