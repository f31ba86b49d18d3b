/**
 * botocore's `_get_new_endpoint`: move a request URL to another host,
 * keeping its path and query (and its scheme, unless asked to take the new
 * one). Split and joined the way Python's `urlsplit` / `urlunsplit` do, so
 * the path is never normalized or re-encoded.
 */
import { splitUrl } from "../../auth/url-split.js";

// Schemes for which Python's urlunsplit writes `//` even with an empty host.
const USES_NETLOC = new Set(["", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp",
  "snews", "prospero", "rtsp", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh", "ws", "wss"]);

function unsplit(scheme: string, netloc: string, path: string, query: string): string {
  let url = path;
  if (netloc !== "" || (scheme !== "" && USES_NETLOC.has(scheme) && !url.startsWith("//"))) {
    if (url !== "" && !url.startsWith("/")) url = `/${url}`;
    url = `//${netloc}${url}`;
  }
  if (scheme !== "") url = `${scheme}:${url}`;
  if (query !== "") url = `${url}?${query}`;
  return url;
}

/** `original`'s path and query on `newEndpoint`'s host; the scheme is the new one when `useNewScheme`. */
export function switchEndpoint(original: string, newEndpoint: string, useNewScheme = true): string {
  const next = splitUrl(newEndpoint);
  const old = splitUrl(original);
  return unsplit(useNewScheme ? next.scheme : old.scheme, next.netloc, old.path, old.query);
}
