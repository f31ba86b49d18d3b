/**
 * Joins an endpoint URL and a serialized request the way botocore's
 * `prepare_request_dict` does (`_urljoin`, then the query string appended
 * with `percent_encode_sequence`).
 */
import type { RequestDict } from "../../http/types.js";
import { percentEncodeSequence } from "../../util/uri.js";

interface SplitUrl {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  fragment: string;
}

/** Python's `urlsplit` for the absolute URLs endpoints are. */
function splitUrl(url: string): SplitUrl {
  let rest = url;
  let scheme = "";
  const colon = rest.indexOf(":");
  if (colon > 0 && /^[A-Za-z][A-Za-z0-9+.-]*$/.test(rest.slice(0, colon))) {
    scheme = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  }
  let netloc = "";
  if (rest.startsWith("//")) {
    let end = rest.length;
    for (const delimiter of ["/", "?", "#"]) {
      const at = rest.indexOf(delimiter, 2);
      if (at >= 0 && at < end) end = at;
    }
    netloc = rest.slice(2, end);
    rest = rest.slice(end);
  }
  let fragment = "";
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query = "";
  const question = rest.indexOf("?");
  if (question >= 0) {
    query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  return { scheme, netloc, path: rest, query, fragment };
}

/** Schemes Python's `urlunsplit` gives a `//` authority even when it is empty. */
const USES_NETLOC = new Set([
  "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp", "snews",
  "prospero", "rtsp", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh", "ws", "wss",
]);

/** Python's `urlunsplit`. */
function unsplitUrl(parts: SplitUrl): string {
  let url = parts.path;
  if (parts.netloc !== "" || (USES_NETLOC.has(parts.scheme) && !url.startsWith("//"))) {
    if (url !== "" && !url.startsWith("/")) url = `/${url}`;
    url = `//${parts.netloc}${url}`;
  }
  if (parts.scheme !== "") url = `${parts.scheme}:${url}`;
  if (parts.query !== "") url = `${url}?${parts.query}`;
  if (parts.fragment !== "") url = `${url}#${parts.fragment}`;
  return url;
}

/** botocore's `_urljoin`: the endpoint's path, then the request path, with the host prefix on the host. */
export function urlJoin(endpointUrl: string, urlPath: string, hostPrefix?: string): string {
  const parts = splitUrl(endpointUrl);
  let path: string;
  if (urlPath === "" || urlPath === "/") path = parts.path === "" ? "/" : parts.path;
  else if (parts.path.endsWith("/") && urlPath.startsWith("/")) path = parts.path.slice(0, -1) + urlPath;
  else path = parts.path + urlPath;
  const netloc = hostPrefix === undefined ? parts.netloc : hostPrefix + parts.netloc;
  return unsplitUrl({ ...parts, netloc, path });
}

/** The full request URL for a serialized request, exactly as botocore's `prepare_request_dict` builds it. */
export function joinUrl(endpointUrl: string, request: Pick<RequestDict, "url_path" | "query_string" | "host_prefix">): string {
  let url = urlJoin(endpointUrl, request.url_path, request.host_prefix);
  const query = request.query_string;
  for (const _ in query) {
    url += (url.includes("?") ? "&" : "?") + percentEncodeSequence(query);
    break;
  }
  return url;
}
