import { withoutTrailingSlashes } from '../trailing-slashes.js';
/**
 * The review endpoint a delivery names, checked before anything is sent to it: the gate sends
 * its GitHub token there, so a delivery that points elsewhere (another host, another repository,
 * credentials or a query in the URL) would hand the token to whoever wrote it. GitHub's own URL
 * is `{api}/repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule`.
 */
export type ReviewUrlCheck = { ok: true; url: string; runId: string } | { ok: false; message: string };

export function checkReviewUrl(
  callbackUrl: string,
  apiUrl: string,
  repository: string,
  runId?: number,
): ReviewUrlCheck {
  let url: URL;
  let api: URL;
  try {
    url = new URL(callbackUrl);
    api = new URL(apiUrl);
  } catch {
    return { ok: false, message: `deployment_callback_url "${callbackUrl.slice(0, 200)}" is not a URL` };
  }
  const refuse = (why: string): ReviewUrlCheck => ({
    ok: false,
    message: `deployment_callback_url ${url.origin}${url.pathname.slice(0, 200)} ${why}; the gate sends its token only to ${api.origin}${apiBasePath(api)}/repos/${repository}/actions/runs/ID/deployment_protection_rule`,
  });
  if (url.origin !== api.origin) return refuse(`is not on the GitHub API (${api.origin})`);
  if (url.username || url.password || url.search || url.hash)
    return refuse('carries credentials, a query or a fragment');
  const prefix = `${apiBasePath(api)}/repos/`;
  if (!url.pathname.startsWith(prefix)) return refuse('is not a repository endpoint');
  const m = /^([^/]+)\/([^/]+)\/actions\/runs\/([1-9][0-9]{0,19})\/deployment_protection_rule$/.exec(
    url.pathname.slice(prefix.length),
  );
  if (!m) return refuse("is not a workflow run's deployment_protection_rule endpoint");
  // GitHub's owner and repository names are not case sensitive.
  if (`${m[1]}/${m[2]}`.toLowerCase() !== repository.toLowerCase())
    return refuse(`names another repository than the delivery's (${repository})`);
  if (runId !== undefined && String(runId) !== m[3])
    return refuse(`names run ${m[3]}, but the delivery's workflow_run is ${runId}`);
  return { ok: true, url: url.href, runId: m[3] as string };
}

/** `/api/v3` for GitHub Enterprise Server's `https://HOST/api/v3`; empty for api.github.com. */
function apiBasePath(api: URL): string {
  return withoutTrailingSlashes(api.pathname);
}
