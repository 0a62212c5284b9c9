import { useState } from 'react';
import { api } from '../../api/client';
import { useToast } from '../../components/Toasts';
import { saveBase64 } from '../board/actions';

/**
 * "Print badges": the badge sheet of every active driver (`roster.badges`) — name, transporter ID
 * and a QR code of the ID that the check-in kiosk scans — saved as a PDF to print and cut.
 */
export function PrintBadges() {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const print = async () => {
    setBusy(true);
    try {
      const sheet = await api('roster.badges', {});
      const saved = await saveBase64(sheet.fileName, sheet.mimeType, sheet.base64);
      if (saved) toast.show(`Badge sheet saved: ${sheet.badges} badge${sheet.badges === 1 ? '' : 's'} on ${sheet.pages} page${sheet.pages === 1 ? '' : 's'}.`, { tone: 'ok' });
    } catch (err) {
      toast.error(`Could not make the badges: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn" disabled={busy} onClick={() => void print()} title="A PDF with a badge per active driver: name, transporter ID and the QR code the kiosk scans">
      {busy ? 'Making badges…' : 'Print badges'}
    </button>
  );
}
