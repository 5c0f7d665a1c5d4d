/* eslint-disable no-undef */
/**
 * CNAI_PUBLIC_URL, the origin a deployment serves the add-in from. The manifest's and
 * functions.json's URLs are this origin plus a path, and Office loads add-ins over https only, so
 * anything but a bare https origin would build into a manifest Office rejects or that points
 * elsewhere: `http://…`, a path (`https://host/app`), a query (`?a=1&b=2`, whose `&` is not even
 * valid XML in the manifest), a fragment or credentials (`https://user:pass@host`).
 */
function publicOrigin(value) {
  const text = String(value).trim();
  let shown = text;
  const problem = (why) =>
    new Error(
      `CNAI_PUBLIC_URL must be an https origin such as https://cnai.example.com (no path, query, fragment or credentials); "${shown}" ${why}.`
    );
  let url;
  try {
    url = new URL(text);
  } catch {
    throw problem("is not a URL");
  }
  // The build log is no place for a password.
  if (url.username || url.password) shown = text.replace(/\/\/[^@/]*@/, "//…@");
  if (url.protocol !== "https:") throw problem(`uses ${url.protocol.replace(/:$/, "")}, not https`);
  if (url.username || url.password) throw problem("holds credentials");
  if (url.pathname !== "/") throw problem(`has the path ${url.pathname}`);
  // URL drops an empty "?" or "#"; the text still carries it into the manifest.
  if (url.search || text.includes("?")) throw problem("has a query");
  if (url.hash || text.includes("#")) throw problem("has a fragment");
  return url.origin;
}

module.exports = { publicOrigin };
