// Thin fetch wrapper: every request has a timeout and comes back as plain data, so checks never throw on
// network trouble (a refused connection is a FAIL with a reason, not a stack trace).

export interface Fetched {
  url: string;
  status: number;
  headers: Headers;
  body: Uint8Array;
  text: string;
}

export interface FetchFailure {
  url: string;
  error: string;
}

export async function get(
  url: string,
  init: { method?: string; headers?: Record<string, string> } = {},
  timeoutMs = 15_000,
): Promise<Fetched | FetchFailure> {
  try {
    const res = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.headers ?? {},
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = new Uint8Array(await res.arrayBuffer());
    return { url, status: res.status, headers: res.headers, body, text: new TextDecoder().decode(body) };
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : "";
    return { url, error: `${e instanceof Error ? e.message : String(e)}${cause}` };
  }
}

export function failed(r: Fetched | FetchFailure): r is FetchFailure {
  return "error" in r;
}
