/**
 * What Settings → Head office accepts (issue 15), one rule for the contract, the CLI and the form:
 * the head office's base URL (http or https, no credentials in it) and this station's push token.
 */

/** Why `url` is not a head office address, or null when it is one. */
export function headOfficeUrlProblem(url: string): string | null {
  const text = url.trim();
  if (!text) return 'is required';
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return 'must be a URL such as https://head-office.example.com or http://10.0.0.5:48800';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'must start with http:// or https://';
  if (u.username || u.password) return 'must not carry a user name or password (the push token is its own field)';
  if (u.search || u.hash) return 'must be the head office’s base address, without ?query or #fragment';
  return null;
}

/** Why `token` cannot be a push token, or null when it can. */
export function pushTokenProblem(token: string): string | null {
  if (!token.trim()) return 'is required';
  if (token.length > 256) return 'must be at most 256 characters';
  if (/\s/.test(token.trim())) return 'must not contain spaces (copy it exactly as `token create --role station` printed it)';
  return null;
}

/** How long the loop waits after a failed push: doubling from `min`, capped at `max`. */
export function pushBackoffMs(failures: number, min = 5_000, max = 300_000): number {
  if (failures <= 0) return 0;
  return Math.min(max, min * 2 ** Math.min(failures - 1, 30));
}
