// The Content-Security-Policy nonce of one request: the HTTP host makes it, puts it in the
// policy header and in React Router's context; app/entry.server.tsx hands it to <ServerRouter
// nonce> and React's stream so every inline script the framework writes carries it. Shared
// through globalThis like appContext: the host and the built app are two module graphs.
import { createContext, type RouterContext } from 'react-router';

const KEY = Symbol.for('balint-hub.csp-nonce');
const registry = globalThis as unknown as Record<symbol, RouterContext<string> | undefined>;
export const cspNonceContext: RouterContext<string> = (registry[KEY] ??= createContext<string>(''));
