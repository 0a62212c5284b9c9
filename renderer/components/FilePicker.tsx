import { useRef } from 'react';

/** A picked file, ready for an import channel's `fileInput`: CSV as UTF-8 text, XLSX as base64. */
export interface PickedFile {
  fileName: string;
  content: string;
  encoding: 'utf8' | 'base64';
}

const isText = (name: string) => /\.(csv|txt|tsv)$/i.test(name);

function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
function base64ToText(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/** Read a browser File into a PickedFile. */
export async function readPickedFile(file: File): Promise<PickedFile> {
  const buf = new Uint8Array(await file.arrayBuffer());
  if (isText(file.name)) return { fileName: file.name, content: new TextDecoder('utf-8').decode(buf).replace(/^\uFEFF/, ''), encoding: 'utf8' };
  return { fileName: file.name, content: bytesToBase64(buf), encoding: 'base64' };
}

/**
 * A button that picks a file: the native dialog through `window.desk.pickFile` in Electron,
 * a (hidden, labelled) `<input type=file>` in the browser. `extensions` without dots, e.g. ['csv','xlsx'].
 */
export function FilePicker({
  label,
  extensions,
  onPick,
  onError,
  className = 'btn',
  disabled,
}: {
  label: string;
  extensions: string[];
  onPick: (file: PickedFile) => void;
  onError?: (message: string) => void;
  className?: string;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const click = async () => {
    const desk = window.desk;
    if (desk?.pickFile) {
      try {
        const got = await desk.pickFile([{ name: extensions.join(', ').toUpperCase(), extensions }]);
        if (!got) return;
        onPick(isText(got.fileName) ? { fileName: got.fileName, content: base64ToText(got.base64), encoding: 'utf8' } : { fileName: got.fileName, content: got.base64, encoding: 'base64' });
      } catch (err) {
        onError?.((err as Error).message);
      }
      return;
    }
    input.current?.click();
  };
  return (
    <>
      <button type="button" className={className} onClick={() => void click()} disabled={disabled}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label={label}
        accept={extensions.map((e) => '.' + e).join(',')}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          try {
            onPick(await readPickedFile(file));
          } catch (err) {
            onError?.(`Cannot read ${file.name}: ${(err as Error).message}`);
          }
        }}
      />
    </>
  );
}
