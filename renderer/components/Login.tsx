import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, clearToken, getToken, isElectron } from '../api/client';

/** The token form of a console opened without (or with a wrong) token; `about` says who served it and whose token it wants. */
export function Login({
  message,
  onToken,
  about = 'This console is served by a station desk. Enter the access token the desk printed when it started, or one the desk made for you.',
  submitLabel = 'Open the desk',
}: {
  message: string;
  onToken: (t: string) => void;
  about?: string;
  submitLabel?: string;
}) {
  const [token, setTokenValue] = useState('');
  return (
    <form
      className="panel login"
      onSubmit={(e) => {
        e.preventDefault();
        if (token.trim()) onToken(token.trim());
      }}
    >
      <div className="brand" style={{ marginBottom: 14 }}>
        <div className="brand-mark" aria-hidden="true">
          DD
        </div>
        <h1>Dispatch Desk</h1>
      </div>
      <p className="muted">{about}</p>
      <div className="field" style={{ margin: '14px 0' }}>
        <label htmlFor="token">Access token</label>
        <input id="token" className="input mono" type="password" autoComplete="off" autoFocus value={token} onChange={(e) => setTokenValue(e.target.value)} />
        {message && <div className="field-error">{message}</div>}
      </div>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => {
            clearToken();
            setTokenValue('');
          }}
        >
          Clear
        </button>
        <button type="submit" className="btn btn-primary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}


/**
 * What a console's first read failing says about the token: '' (none given yet: ask for one), the
 * words for a refused one, or null when the failure was not about the token.
 */
export function tokenProblem(e: unknown): string | null {
  if (!(e instanceof ApiError) || e.code !== 'UNAUTHORIZED' || isElectron()) return null;
  return getToken() ? 'That token was not accepted. Check it and try again.' : '';
}

/** A console before its first read answered: waiting words, or the error with a retry. */
export function Opening({ place, waiting, error, onRetry }: { place: string; waiting: string; error: string | null; onRetry: () => void }) {
  return (
    <div className="empty-state" role="status">
      {error ? (
        <>
          <h2>Cannot reach {place}</h2>
          <p>{error}</p>
          <button className="btn btn-primary" onClick={onRetry}>
            Try again
          </button>
        </>
      ) : (
        <p className="muted">{waiting}</p>
      )}
    </div>
  );
}

/**
 * A console's first read (the desk's app.info, the head office's stations.list), loaded at mount and
 * again on `load()`: `onLoaded` gets the answer; a token problem lands in `authError` (show Login),
 * anything else in `loadError` (show Opening with a retry).
 */
export function useOpening<T>(read: () => Promise<T>, onLoaded: (value: T) => void) {
  const [authError, setAuthError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // The latest callbacks, so `load` keeps one identity (callers pass it to effects and intervals).
  const latest = useRef({ read, onLoaded });
  latest.current = { read, onLoaded };
  const load = useCallback(() => {
    setLoadError(null);
    latest.current.read().then(
      (value) => {
        latest.current.onLoaded(value);
        setAuthError(null);
      },
      (e: unknown) => {
        const token = tokenProblem(e);
        if (token !== null) setAuthError(token);
        else setLoadError(e instanceof Error ? e.message : String(e));
      },
    );
  }, []);
  useEffect(load, [load]);
  return { authError, loadError, load };
}
