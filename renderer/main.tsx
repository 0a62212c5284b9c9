import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { takeTokenFromUrl } from './api/client';
import { servedBy } from './api/headOffice';
import { App } from './App';
import './styles/app.css';

// The token arrives as `#token=…`; take it before the router reads the hash.
takeTokenFromUrl();

// The same console at a head office (issue 15) shows only its read-only head-office screens.
const HeadOfficeApp = lazy(() => import('./screens/headoffice'));

void servedBy().then((mode) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {mode === 'head-office' ? (
        <Suspense fallback={<div className="loading">Loading…</div>}>
          <HeadOfficeApp />
        </Suspense>
      ) : (
        <App />
      )}
    </StrictMode>,
  ),
);
