/** The JSON API client the explorer uses: plain fetch against the same origin. */
import type { GraphSource, GroupResponse, NeighbourhoodResponse, NodeDetails, PathResponse, SearchResponse } from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class ExplorerApi implements GraphSource {
  constructor(
    private readonly base = '',
    private readonly fetchFn: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  private async get<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
    const url = `${this.base}${path}${qs.size ? `?${qs.toString().replace(/%2C/gi, ',')}` : ''}`;
    let res: Response;
    try {
      res = await this.fetchFn(url, { headers: { accept: 'application/json' } });
    } catch {
      throw new ApiError(0, 'The atlas could not be reached. Check the connection and try again.');
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      const detail = (body as { detail?: unknown } | undefined)?.detail;
      throw new ApiError(res.status, typeof detail === 'string' ? detail : `The atlas answered ${res.status}.`);
    }
    if (body === undefined) throw new ApiError(res.status, 'The atlas sent an answer the explorer cannot read.');
    return body as T;
  }

  neighbourhood(id: string, options: { depth?: number; limit?: number; kinds?: readonly string[] } = {}): Promise<NeighbourhoodResponse> {
    return this.get('/api/graph/neighborhood', {
      node: id,
      depth: options.depth,
      limit: options.limit,
      kinds: options.kinds?.length ? options.kinds.join(',') : undefined,
    });
  }

  group(expand: string, limit?: number): Promise<GroupResponse> {
    // Only the neighbourhood address is followed, whatever a payload says.
    const url = new URL(expand, 'http://atlas.invalid');
    if (url.pathname !== '/api/graph/neighborhood' || !url.searchParams.get('group'))
      return Promise.reject(new ApiError(0, 'The group cannot be opened: its address is not one the explorer knows.'));
    const params: Record<string, string | number | undefined> = Object.fromEntries(url.searchParams);
    return this.get('/api/graph/neighborhood', { ...params, limit });
  }

  path(from: string, to: string): Promise<PathResponse> {
    return this.get('/api/graph/path', { from, to });
  }

  search(q: string, limit = 10): Promise<SearchResponse> {
    return this.get('/api/search', { q, limit });
  }

  names(q: string, limit = 8): Promise<SearchResponse> {
    return this.get('/api/search/names', { q, limit });
  }

  node(id: string): Promise<NodeDetails> {
    return this.get(`/api/nodes/${encodeURIComponent(id)}`);
  }
}
