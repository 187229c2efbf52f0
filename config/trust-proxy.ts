import { isIP } from 'node:net';
import { z } from 'zod';

/** Express's `trust proxy` values as Meridian accepts them: nobody, a hop count, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

/** Subnet names Express (proxy-addr) knows. */
const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);
const TRUST_ALL =
  'TRUST_PROXY=true would trust every X-Forwarded-For hop, so any client could choose its own address and escape the ' +
  'rate limits: give the number of proxies in front of Meridian (e.g. 1) or their addresses or subnets ' +
  '(e.g. 10.0.0.0/8,loopback)';

/** Whether an entry is an address, a subnet (`10.0.0.0/8`, `fd00::/8`, but not `/0`, which is everyone) or a name. */
function isProxyEntry(entry: string): boolean {
  if (NAMED_SUBNETS.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  return bits >= 1 && bits <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset, "false" or "0" trusts no proxy (the socket address is the client); a number trusts that many
 * hops (the address the outermost trusted proxy saw); a comma-separated list trusts exactly those proxies. `true`, or a
 * /0 subnet, would trust everyone and is refused at boot.
 */
export const TrustProxySchema = z
  .string()
  .optional()
  .transform((raw, ctx): TrustProxy => {
    const value = (raw ?? '').trim();
    if (value === '' || value === 'false' || value === '0') return false;
    if (value === 'true') {
      ctx.addIssue({ code: 'custom', message: TRUST_ALL });
      return z.NEVER;
    }
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((e) => e.trim());
    const invalid = entries.filter((e) => !isProxyEntry(e));
    if (invalid.length > 0) {
      const message = `TRUST_PROXY: ${invalid.map((e) => JSON.stringify(e)).join(', ')} is not a hop count, an address, a subnet (not /0) or one of loopback, linklocal, uniquelocal`;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return entries;
  });
