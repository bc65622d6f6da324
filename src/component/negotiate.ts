/** AcceptClause is one media range of an Accept header, as goautoneg parses it. */
export interface AcceptClause {
  type: string;
  subType: string;
  q: number;
  params: Record<string, string>;
}

/**
 * parseAccept splits an Accept header the way upstream's forked goautoneg does: malformed
 * ranges are dropped, `q` is pulled out of the parameters, and clauses are ordered by q then
 * by specificity (concrete types before `*`), keeping header order among equals.
 */
export function parseAccept(header: string): AcceptClause[] {
  const out: AcceptClause[] = [];
  for (const raw of header.split(',')) {
    const parts = raw.trim().split(';');
    const range = parts[0]!.split('/');
    const type = range[0]!.trim();
    let subType: string;
    if (range.length === 1 && type === '*') subType = '*';
    else if (range.length === 2) subType = range[1]!.trim();
    else continue;
    const clause: AcceptClause = { type, subType, q: 1, params: {} };
    for (const p of parts.slice(1)) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const key = p.slice(0, eq).trim();
      if (key === 'q') clause.q = Number.parseFloat(p.slice(eq + 1)) || 0;
      else clause.params[key] = p.slice(eq + 1).trim();
    }
    out.push(clause);
  }
  // Insertion sort with goautoneg's comparator, which is what Go's sort does for short lists.
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && before(out[j]!, out[j - 1]!); j--) [out[j - 1], out[j]] = [out[j]!, out[j - 1]!];
  }
  return out;
}

function before(a: AcceptClause, b: AcceptClause): boolean {
  if (a.q > b.q) return true;
  if (a.type !== '*' && b.type === '*') return true;
  if (a.subType !== '*' && b.subType === '*') return true;
  return false;
}

/** ZPageFormat is the negotiated output of /statusz or /flagz. */
export type ZPageFormat = 'text' | 'json' | 'yaml';

interface Offer {
  type: string;
  subType: string;
  format: ZPageFormat | undefined;
}

/** The codec factory's media types, in upstream's order; protobuf is offered but always refused. */
const OFFERS: Offer[] = [
  { type: 'application', subType: 'json', format: 'json' },
  { type: 'application', subType: 'yaml', format: 'yaml' },
  { type: 'application', subType: 'vnd.kubernetes.protobuf', format: undefined },
  { type: 'text', subType: 'plain', format: 'text' },
];

/** ZPAGE_MEDIA_TYPES feeds the 406 message, listing what the endpoint's codec factory knows. */
export const ZPAGE_MEDIA_TYPES = OFFERS.map((o) => `${o.type}/${o.subType}`);

/** ZPAGE_GROUP and ZPAGE_VERSION are the structured z-page API in v1.35. */
export const ZPAGE_GROUP = 'config.k8s.io';
export const ZPAGE_VERSION = 'v1alpha1';

/**
 * negotiateZPage picks the z-page output for an Accept header (KEP-4827/4828): no header
 * means text; text/plain only without g/v/as; JSON or YAML only with exactly
 * g=config.k8s.io;v=v1alpha1;as=<kind>. The first acceptable clause wins, so wildcards can
 * rescue a bad structured request. undefined means 406.
 */
export function negotiateZPage(accept: string | undefined, kind: 'Statusz' | 'Flagz'): ZPageFormat | undefined {
  if (accept === undefined || accept.trim() === '') return 'text';
  for (const clause of parseAccept(accept.trim())) {
    for (const offer of OFFERS) {
      const matches =
        (clause.type === offer.type && (clause.subType === offer.subType || clause.subType === '*')) ||
        (clause.type === '*' && clause.subType === '*');
      if (matches && acceptable(clause.params, offer, kind)) return offer.format;
    }
  }
  return undefined;
}

function acceptable(params: Record<string, string>, offer: Offer, kind: string): boolean {
  const structured = 'as' in params || 'g' in params || 'v' in params;
  // streaming and server-version transforms are never allowed on z-pages
  if (params.stream || params.sv) return false;
  if (offer.format === undefined) return false;
  if (offer.format === 'text') return !structured;
  return params.g === ZPAGE_GROUP && params.v === ZPAGE_VERSION && params.as === kind;
}
