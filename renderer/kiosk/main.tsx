import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { takeTokenFromUrl } from '../api/client';
import { Kiosk } from './Kiosk';
import './kiosk.css';

// The kiosk token arrives as `#token=…` (never sent to the server in a URL) and stays in this tab.
takeTokenFromUrl();

createRoot(document.getElementById('kiosk')!).render(
  <StrictMode>
    <Kiosk />
  </StrictMode>,
);
