/**
 * Content negotiation of GET /openapi/v2, as kube-openapi's handler does it: Accept
 * clauses in preference order (q, then specific before wildcard), each tried against
 * JSON, the deprecated protobuf name kubectl sends, and the current protobuf name. The
 * protobuf answer always carries the current name. Nothing acceptable gives 406.
 */

export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
const OFFERS: readonly { type: string; sub: string; form: 'json' | 'protobuf' }[] = [
  { type: 'application', sub: 'json', form: 'json' },
  { type: 'application', sub: 'com.github.proto-openapi.spec.v2@v1.0+protobuf', form: 'protobuf' },
  { type: 'application', sub: 'com.github.proto-openapi.spec.v2.v1.0+protobuf', form: 'protobuf' },
];

/** negotiateV2 picks the form of the v2 document for an Accept header, undefined for 406. */
export function negotiateV2(accept: string | undefined): 'json' | 'protobuf' | undefined {
  const clauses = (accept?.trim() ? accept : '*/*')
    .split(',')
    .map((part, i) => {
      const [range = '', ...params] = part.split(';').map((s) => s.trim());
      const [type = '', sub = ''] = range.split('/');
      const qParam = params.find((p) => /^q=/i.test(p));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { type, sub, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((c) => c.type !== '' && c.q > 0)
    .sort((a, b) => b.q - a.q || Number(a.type === '*') - Number(b.type === '*') || Number(a.sub === '*') - Number(b.sub === '*') || a.i - b.i);
  for (const c of clauses) {
    const offer = OFFERS.find((o) => (c.type === o.type || c.type === '*') && (c.sub === o.sub || c.sub === '*'));
    if (offer) return offer.form;
  }
  return undefined;
}

/** etagMatches reads If-None-Match as Go's http.ServeContent does: a list of quoted tags, or *. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}
