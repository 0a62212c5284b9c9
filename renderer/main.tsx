import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { takeTokenFromUrl } from './api/client';
import { App } from './App';
import './styles/app.css';

// The token arrives as `#token=…`; take it before the router reads the hash.
takeTokenFromUrl();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
