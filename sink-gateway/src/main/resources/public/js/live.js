// The live alert feed: one WebSocket to /ws/alerts that reconnects by itself with backoff and resumes
// with `since=<last alert id seen>`, so that the gateway replays exactly what was missed meanwhile.

import { webSocketUrl } from './api.js';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 15000;
// the gateway sends a heartbeat every 15 s by default: a connection silent for longer is dead
const SILENCE_MS = 50000;

/**
 * States reported to `onState`: {name: 'connecting'}, {name: 'live'},
 * {name: 'reconnecting', retryAt, attempt} and {name: 'stopped'}.
 */
export class AlertStream {
    /**
     * @param since       an alert id already shown (the next connection replays what came after it), or null
     * @param onAlert     called with each alert, in the gateway's store order
     * @param onState     called on every change of connection state
     * @param onOpen      called after each successful (re)connection, with whether `since` was used
     * @param onRefused   async; called when a connection failed before it opened; answers 'stop' (give up,
     *                    e.g. the token is refused), 'forget-since' (the gateway does not know the alert
     *                    `since` names) or anything else to retry with backoff
     */
    constructor({ since = null, onAlert, onState, onOpen = () => {}, onRefused = async () => 'retry' }) {
        Object.assign(this, { onAlert, onState, onOpen, onRefused });
        this.lastSeen = since;
        this.attempt = 0;
        this.socket = null;
        this.retryTimer = null;
        this.silenceTimer = null;
        this.stopped = false;
        this.connection = 0;
        this.retryNow = () => {
            if (this.retryTimer !== null) {
                this.connect();
            }
        };
        window.addEventListener('online', this.retryNow);
    }

    start() {
        this.connect();
    }

    stop() {
        this.stopped = true;
        window.removeEventListener('online', this.retryNow);
        clearTimeout(this.retryTimer);
        clearTimeout(this.silenceTimer);
        this.detach(this.socket)?.close(1000, 'page closed the feed');
        this.socket = null;
        this.onState({ name: 'stopped' });
    }

    /** Forgets the resume point: the next connection starts live-only (the page reloads the history). */
    forgetSince() {
        this.lastSeen = null;
    }

    async connect() {
        if (this.stopped) {
            return;
        }
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.detach(this.socket)?.close();
        this.socket = null;
        this.onState({ name: 'connecting', attempt: this.attempt });
        const since = this.lastSeen;
        const connection = ++this.connection;
        let url;
        try {
            // browsers cannot set headers on a WebSocket: a single-use ticket signs it in, not the token
            url = await webSocketUrl('/ws/alerts', { since });
        } catch (e) {
            if (connection === this.connection) {
                this.closed(false, since);
            }
            return;
        }
        if (this.stopped || connection !== this.connection) {
            return;
        }
        const socket = new WebSocket(url);
        let opened = false;
        socket.onopen = () => {
            opened = true;
            this.attempt = 0;
            this.watchSilence();
            this.onState({ name: 'live' });
            this.onOpen({ resumed: since !== null });
        };
        socket.onmessage = (event) => {
            this.watchSilence();
            let frame;
            try {
                frame = JSON.parse(event.data);
            } catch (e) {
                return;
            }
            if (frame.kind === 'alert' && frame.alert) {
                this.lastSeen = frame.alert.alertId;
                this.onAlert(frame.alert);
            } else if (frame.kind === 'reload') {
                // more was missed than the gateway replays: reconnect live-only, and the page reloads the history
                this.forgetSince();
                socket.close(1000, 'reloading');
            }
        };
        socket.onclose = () => {
            this.detach(socket);
            if (this.socket === socket) {
                this.socket = null;
            }
            this.closed(opened, since);
        };
        this.socket = socket;
    }

    async closed(opened, since) {
        clearTimeout(this.silenceTimer);
        if (this.stopped) {
            return;
        }
        if (!opened) {
            // a refused handshake looks like any network failure to a browser: ask the REST API why
            const verdict = await this.onRefused({ since });
            if (this.stopped) {
                return;
            }
            if (verdict === 'stop') {
                this.stop();
                return;
            }
            if (verdict === 'forget-since' && this.lastSeen === since) {
                this.forgetSince();
            }
        }
        this.scheduleRetry();
    }

    scheduleRetry() {
        const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.attempt);
        const delay = Math.round(ceiling * (0.75 + Math.random() * 0.25));
        this.attempt += 1;
        this.onState({ name: 'reconnecting', retryAt: Date.now() + delay, attempt: this.attempt });
        this.retryTimer = setTimeout(() => this.connect(), delay);
    }

    watchSilence() {
        clearTimeout(this.silenceTimer);
        this.silenceTimer = setTimeout(() => {
            const socket = this.detach(this.socket);
            this.socket = null;
            socket?.close();
            this.scheduleRetry();
        }, SILENCE_MS);
    }

    /** Stops listening to a socket (so its late events change nothing) and answers it. */
    detach(socket) {
        if (socket) {
            socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
        }
        return socket;
    }
}
