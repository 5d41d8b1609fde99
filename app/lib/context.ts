// The services every loader and action receives through React Router's context. The
// context object is shared through globalThis because the server host and the built app
// are two module graphs; both must hold the same key.
import { createContext, type RouterContext } from 'react-router';
import type { AppServices } from '#lib/services.ts';

export type { AppServices, PaymentSettings } from '#lib/services.ts';

const KEY = Symbol.for('balint-hub.app-context');
const registry = globalThis as unknown as Record<symbol, RouterContext<AppServices> | undefined>;
export const appContext: RouterContext<AppServices> = (registry[KEY] ??= createContext<AppServices>());
