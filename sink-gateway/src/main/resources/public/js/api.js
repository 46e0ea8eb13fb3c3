// REST calls to the gateway with the bearer token; the token lives in sessionStorage.

const TOKEN_KEY = 'learnpulse.token';

export class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}

/** Moves a `?token=` of the address into sessionStorage and out of the address bar (and of history). */
export function adoptTokenFromUrl() {
    const url = new URL(window.location.href);
    const token = url.searchParams.get('token');
    if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
        url.searchParams.delete('token');
        history.replaceState(null, '', url.pathname + url.search + url.hash);
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
