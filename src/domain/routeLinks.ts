import { Route, ROUTES } from './eligibility';

/** The web address of a route's own page, where the operator has one (ROUTE_LINKS). */
export type RouteLinks = Partial<Record<Route, string>>;

export type RouteLinksParse = { ok: true; links: RouteLinks } | { ok: false; problem: string };

/** Bounds of the setting: the whole value, and one address (a person reads it on a phone). */
export const MAX_ROUTE_LINKS_LENGTH = 4000;
export const MAX_ROUTE_LINK_LENGTH = 200;

/**
 * Reads `route=https://…` pairs, separated by commas or spaces (an env value on one line):
 * `hackyourfuture=https://www.hackyourfuture.net,motopp=https://motopp.nl`. Every route is one the
 * eligibility rules return, named once; every address is https, without a user name or password.
 * An empty value means no links.
 */
export function parseRouteLinks(spec: string): RouteLinksParse {
  if (spec.length > MAX_ROUTE_LINKS_LENGTH) return { ok: false, problem: `at most ${MAX_ROUTE_LINKS_LENGTH} characters` };
  const links: RouteLinks = {};
  for (const part of spec.split(/[\s,]+/).filter((p) => p !== '')) {
    const at = part.indexOf('=');
    if (at <= 0) return { ok: false, problem: `"${clip(part)}" is not like "hackyourfuture=https://…"` };
    const name = part.slice(0, at).trim();
    const address = part.slice(at + 1).trim();
    if (!isRoute(name)) return { ok: false, problem: `"${clip(name)}" is no route; the routes are ${ROUTES.join(', ')}` };
    if (links[name] !== undefined) return { ok: false, problem: `${name} is named twice` };
    if (!isHttpsLink(address)) return { ok: false, problem: `${name}: "${clip(address)}" is not an https:// address (without user name or password)` };
    if (address.length > MAX_ROUTE_LINK_LENGTH) return { ok: false, problem: `${name}: an address may be at most ${MAX_ROUTE_LINK_LENGTH} characters` };
    links[name] = address;
  }
  return { ok: true, links };
}

function isRoute(name: string): name is Route {
  return (ROUTES as readonly string[]).includes(name);
}

function isHttpsLink(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
