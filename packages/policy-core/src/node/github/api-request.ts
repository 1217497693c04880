/**
 * One request to the GitHub REST API, the way every Slipway caller makes it: the token as a
 * bearer, the API version pinned, redirects refused (a redirect could carry the token to another
 * host), one deadline for the whole exchange, and every failure one line through `fail`, which
 * each caller turns into its own error class, told whether trying again could help (the API
 * unreachable, slow, or answering 5xx; not a refusal).
 */
export interface GitHubRequest {
  method?: 'GET' | 'POST';
  url: URL;
  /** A bearer token: an installation token, a workflow's GITHUB_TOKEN, or an App's JWT. */
  token: string;
  /** A JSON body (POST). */
  body?: unknown;
  signal: AbortSignal;
  timeoutMs: number;
  /** What to add to a 401 or 403 line: which permission the token needs. */
  permissionHint: string;
}

export async function githubRequest(
  req: GitHubRequest,
  fail: (message: string, retryable: boolean) => Error,
): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method ?? 'GET',
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${req.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'slipway',
        ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      redirect: 'manual',
      signal: req.signal,
    });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError')
      throw fail(`the GitHub API did not answer within ${req.timeoutMs} ms`, true);
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw fail(
      `the GitHub API at ${req.url.origin} could not be reached (${cause?.code ?? cause?.message ?? e.message})`,
      true,
    );
  }
  if (res.status >= 300 && res.status < 400)
    throw fail(
      `the GitHub API answered ${res.status}, a redirect to ${res.headers.get('location') ?? 'nowhere'}; refused`,
      false,
    );
  if (res.status < 200 || res.status >= 300) {
    const said = await firstWords(res);
    throw fail(
      `the GitHub API answered ${res.status} for ${req.method === 'POST' ? 'POST ' : ''}${req.url.pathname}${said}${res.status === 401 || res.status === 403 ? ` (${req.permissionHint})` : ''}`,
      res.status >= 500,
    );
  }
  return res;
}

/** GitHub's `message` from an error body, when it sent one: `: Not Found`. */
async function firstWords(res: Response): Promise<string> {
  try {
    const text = (await res.text()).slice(0, 4096);
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === 'string' ? `: ${message.slice(0, 200).replace(/\s+/g, ' ')}` : '';
  } catch {
    return '';
  }
}
