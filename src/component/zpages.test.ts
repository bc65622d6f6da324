import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAccept } from './negotiate.js';
import { aggregatePaths, htmlEscape, unixDate, uptime } from './zpages.js';

describe('z-page helpers', () => {
  it('formats Go UnixDate in UTC with a space-padded day', () => {
    assert.equal(unixDate(Date.UTC(2025, 11, 17, 10, 0, 0)), 'Wed Dec 17 10:00:00 UTC 2025');
    assert.equal(unixDate(Date.UTC(2026, 0, 1, 7, 5, 9)), 'Thu Jan  1 07:05:09 UTC 2026');
  });

  const uptimes: Array<[number, string]> = [
    [0, '0 hr 00 min 00 sec'],
    [59, '0 hr 00 min 59 sec'],
    [3723, '1 hr 02 min 03 sec'],
    [90061, '25 hr 01 min 01 sec'],
  ];
  for (const [s, want] of uptimes) it(`uptime ${s}s`, () => assert.equal(uptime(s), want));

  it('escapes like html.EscapeString', () => {
    assert.equal(htmlEscape(`<a href="x">'&'</a>`), '&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('aggregates first path segments and drops API prefixes', () => {
    assert.deepEqual(aggregatePaths(['/readyz/ping', '/livez', '/api/v1', '/apis/apps', '/openapi/v3', '/openid/v1/jwks', '/.well-known/x', '/', '', '/metrics/slis', '/metrics']), [
      '/livez',
      '/metrics',
      '/readyz',
    ]);
  });
});

describe('parseAccept', () => {
  const cases: Array<{ header: string; want: string[] }> = [
    { header: 'text/plain', want: ['text/plain;q=1'] },
    { header: '*/*, text/plain', want: ['text/plain;q=1', '*/*;q=1'] },
    { header: 'text/*, application/json', want: ['application/json;q=1', 'text/*;q=1'] },
    { header: 'text/plain;q=0.5, application/json;as=Statusz', want: ['application/json;q=1', 'text/plain;q=0.5'] },
    { header: '*, bogus, a/b/c, text/html', want: ['text/html;q=1', '*/*;q=1'] },
  ];
  for (const tc of cases) {
    it(tc.header, () => {
      assert.deepEqual(
        parseAccept(tc.header).map((c) => `${c.type}/${c.subType};q=${c.q}`),
        tc.want,
      );
    });
  }

  it('keeps media type parameters without q', () => {
    assert.deepEqual(parseAccept('application/json; g=config.k8s.io ;v=v1alpha1;q=0.9')[0]!.params, { g: 'config.k8s.io', v: 'v1alpha1' });
  });
});
