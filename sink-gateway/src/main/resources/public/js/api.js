// REST calls to the gateway with the bearer token; the token lives in sessionStorage.

const TOKEN_KEY = 'learnpulse.token';

export class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}

/**
 * Moves a `#token=` of the address (the link the demo prints) into sessionStorage and out of the address
 * bar and the page's history entry. A fragment is never sent to the server, so no log or Referer has it.
 */
export function adoptTokenFromUrl() {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    const token = fragment.get('token');
    if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
        fragment.delete('token');
        const rest = fragment.toString();
        history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? `#${rest}` : ''));
    }
}

export const getToken = () => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (token) => sessionStorage.setItem(TOKEN_KEY, token);
export const clearToken = () => sessionStorage.removeItem(TOKEN_KEY);

/** Query string of the non-empty entries of `params`, with a leading "?" (or ""). */
export function query(params = {}) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
        if (value !== null && value !== undefined && value !== '') {
            search.set(name, value);
        }
    }
    const text = search.toString();
    return text ? `?${text}` : '';
}

/** Calls the API; answers the parsed JSON or throws an ApiError with the gateway's {"error"} text. */
export async function api(path, { method = 'GET', body, params } = {}) {
    const headers = { Accept: 'application/json', Authorization: `Bearer ${getToken() ?? ''}` };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
        response = await fetch(path + query(params), {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            cache: 'no-store',
        });
    } catch (e) {
        throw new ApiError(0, 'the gateway cannot be reached');
    }
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch (e) {
        json = null;
    }
    if (!response.ok) {
        throw new ApiError(response.status, json?.error ?? `HTTP ${response.status}`);
    }
    return json;
}

export const encode = encodeURIComponent;

/**
 * The URL of a WebSocket of the gateway, signed in with a single-use ticket from `POST /api/ws-tickets`
 * (valid 30 s), so the bearer token itself never travels in a URL. Throws an ApiError like `api`.
 */
export async function webSocketUrl(path, params = {}) {
    const { ticket } = await api('/api/ws-tickets', { method: 'POST' });
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${window.location.host}${path}${query({ ...params, ticket })}`;
}
