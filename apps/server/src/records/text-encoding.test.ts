import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  createChunkDecoder,
  decodeText,
  detectEncoding,
  lineAt,
  SAMPLE_BYTES,
  type TextEncoding,
} from './text-encoding.js';

const TEXT =
  '客户名称,联系人,电话,备注\n华为技术有限公司,张三,13800000000,再考虑\n阿里巴巴,李四,13900000000,预算冻结\n';
/** 𠮷 and 㐇 are outside GBK: GB18030 writes them as four-byte sequences. */
const BEYOND_GBK = `${TEXT}吉野家𠮷,㐇,13700000000,ㄅㄆ\n`;

const encode = (text: string, codec: string, bom = false) => iconv.encode(text, codec, { addBOM: bom });

describe('detectEncoding', () => {
  it.each([
    ['UTF-8 with BOM', encode(TEXT, 'utf-8', true), 'utf-8', true],
    ['UTF-8', encode(TEXT, 'utf-8'), 'utf-8', false],
    ['plain ASCII', encode('name,phone\nAcme,123\n', 'utf-8'), 'utf-8', false],
    ['GBK', encode(TEXT, 'gbk'), 'gbk', false],
    ['GB18030 with characters outside GBK', encode(BEYOND_GBK, 'gb18030'), 'gb18030', false],
    [
      'UTF-16LE with BOM (Excel "Unicode text")',
      encode(TEXT.replaceAll(',', '\t'), 'utf-16le', true),
      'utf-16le',
      true,
    ],
    ['UTF-16BE with BOM', encode(TEXT, 'utf-16be', true), 'utf-16be', true],
    ['UTF-16LE without BOM', encode('name\tphone\nAcme\t123\n', 'utf-16le'), 'utf-16le', false],
    ['UTF-16BE without BOM', encode('name\tphone\nAcme\t123\n', 'utf-16be'), 'utf-16be', false],
  ] as const)('%s', (_label, bytes, name, bom) => {
    expect(detectEncoding(bytes)).toMatchObject({ name, bom });
  });

  it('looks only at the first SAMPLE_BYTES, and a UTF-8 character cut by the sample end stays UTF-8', () => {
    const head = Buffer.alloc(SAMPLE_BYTES - 1, 'a');
    // 华 is three bytes: the sample ends after its first, and GBK bytes come after the sample.
    const file = Buffer.concat([head, Buffer.from('华'), encode('华为', 'gbk')]);
    expect(detectEncoding(file)).toMatchObject({ name: 'utf-8' });
    // The same cut at the end of a whole (short) file is not UTF-8.
    expect(detectEncoding(Buffer.from('华').subarray(0, 1)).name).not.toBe('utf-8');
  });

  it('names what chardet sees when it is an encoding the import does not read', () => {
    const big5 = encode('客戶名稱,聯繫人,電話,備註\n華為技術有限公司,張三,13800000000,重點客戶\n', 'big5');
    expect(detectEncoding(big5)).toMatchObject({ name: 'gbk', looksLike: 'Big5' });
    expect(detectEncoding(encode(TEXT, 'gbk')).looksLike).toBeUndefined();
  });
});

describe('createChunkDecoder', () => {
  const cases: [TextEncoding, Buffer][] = [
    ['utf-8', encode(BEYOND_GBK, 'utf-8', true)],
    ['gb18030', encode(BEYOND_GBK, 'gb18030')],
    ['gbk', encode(TEXT, 'gbk')],
    ['utf-16le', encode(BEYOND_GBK, 'utf-16le', true)],
    ['utf-16be', encode(BEYOND_GBK, 'utf-16be', true)],
  ];
  it.each(cases)('%s gives the same text for any chunk size, without the BOM', (name, bytes) => {
    const expected = name === 'gbk' ? TEXT : BEYOND_GBK;
    expect(decodeText(bytes, name)).toEqual({ text: expected, unreadableAt: null });
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const decoder = createChunkDecoder(name);
      let text = '';
      for (let i = 0; i < bytes.length; i += size) text += decoder.write(bytes.subarray(i, i + size));
      text += decoder.end();
      expect(text, `chunks of ${size}`).toBe(expected);
    }
  });

  it('reads GBK bytes, including the euro sign of code page 936, as GB18030 does', () => {
    expect(decodeText(Buffer.from([0x80, 0x2c, 0xbb, 0xaa]), 'gbk').text).toBe('€,华');
  });
});

describe('unreadable bytes', () => {
  const at = (bytes: Buffer, name: TextEncoding) => {
    const { text, unreadableAt } = decodeText(bytes, name);
    return unreadableAt === null ? null : lineAt(text, unreadableAt);
  };

  it('names the line of the first byte the encoding cannot read, chunk by chunk too', () => {
    const gbk = encode('name,note\nAcme,ok\n华为,重点\n', 'gbk');
    expect(at(gbk, 'utf-8')).toBe(3);
    expect(at(gbk, 'gbk')).toBeNull();
    const decoder = createChunkDecoder('utf-8');
    let text = '';
    for (let i = 0; i < gbk.length; i += 5) text += decoder.write(gbk.subarray(i, i + 5));
    text += decoder.end();
    expect(decoder.unreadableAt).not.toBeNull();
    expect(lineAt(text, decoder.unreadableAt ?? 0)).toBe(3);
  });

  it('takes a replacement character the file itself stores as read', () => {
    expect(at(encode('name\n\uFFFD lost before\n', 'utf-8'), 'utf-8')).toBeNull();
    expect(at(encode('name\n\uFFFD lost before\n', 'gb18030'), 'gb18030')).toBeNull();
  });
});
