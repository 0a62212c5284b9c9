import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, detectFileKind, encodingProblem } from '../../../electron/import/reader';
import { dayOfOpsPlan, encodeText } from '../../fixtures/amazon';

const TEXT = 'Name,Transporter ID\r\nZoë Núñez,A1B2C3D4E5F6G7\r\nJosé “Pepe” Ibáñez – €,A2B3C4D5E6F7G8\r\n';

describe('decodeText', () => {
  it('UTF-8 with and without BOM, UTF-16 LE/BE with and without BOM, Windows-1252', () => {
    expect(decodeText(encodeText(TEXT, 'utf-8'))).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(decodeText(encodeText(TEXT, 'utf-8-bom'))).toEqual({ text: TEXT, encoding: 'utf-8-bom' });
    expect(decodeText(encodeText(TEXT, 'utf-16le'))).toEqual({ text: TEXT, encoding: 'utf-16le' });
    expect(decodeText(encodeText(TEXT, 'utf-16le-nobom'))).toEqual({ text: TEXT, encoding: 'utf-16le' });
    expect(decodeText(encodeText(TEXT, 'utf-16be'))).toEqual({ text: TEXT, encoding: 'utf-16be' });
    expect(decodeText(encodeText(TEXT, 'utf-16be-nobom'))).toEqual({ text: TEXT, encoding: 'utf-16be' });
    expect(decodeText(encodeText(TEXT, 'windows-1252'))).toEqual({ text: TEXT, encoding: 'windows-1252' });
  });

  it('invalid UTF-8 reads as Windows-1252, a BOM followed by 1252 bytes too', () => {
    const bytes = iconv.encode('Zoë', 'win1252');
    expect(decodeText(bytes)).toEqual({ text: 'Zoë', encoding: 'windows-1252' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]))).toEqual({ text: 'Zoë', encoding: 'windows-1252' });
  });

  it('names the signs of mis-decoded text', () => {
    expect(encodingProblem(TEXT)).toBeNull();
    expect(encodingProblem('JosÃ© Núñez')).toMatch(/double-encoded/);
    expect(encodingProblem('Itâ€™s')).toMatch(/double-encoded/);
    expect(encodingProblem('N\u0000a\u0000m\u0000e')).toMatch(/UTF-16/);
    expect(encodingProblem('Jos\uFFFD')).toMatch(/could not be decoded/);
  });
});

describe('detectFileKind', () => {
  it('by bytes, never by name', async () => {
    expect(detectFileKind((await dayOfOpsPlan({ routes: 2 })).bytes)).toBe('xlsx');
    expect(detectFileKind(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe('pdf');
    expect(detectFileKind(Buffer.concat([Buffer.from('\r\n\r\n'), Buffer.from('%PDF-1.4')]))).toBe('pdf');
    expect(detectFileKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('xls');
    expect(detectFileKind(Buffer.from('PK\x03\x04\x14\x00\x00\x00notes.txt', 'latin1'))).toBe('zip');
    expect(detectFileKind(Buffer.from('  <!DOCTYPE html><html>'))).toBe('html');
    expect(detectFileKind(Buffer.alloc(0))).toBe('empty');
    for (const enc of ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16le-nobom', 'utf-16be', 'utf-16be-nobom', 'windows-1252'] as const) {
      expect(detectFileKind(encodeText(TEXT, enc)), enc).toBe('text');
    }
    expect(detectFileKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))).toBe('binary');
  });
});
