import { describe, expect, it } from 'vitest';
import { deviceOf } from './device.js';

describe('deviceOf', () => {
  it('names the browser and system of common user agents', () => {
    expect(
      deviceOf(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      ),
    ).toBe('Chrome · Windows');
    expect(
      deviceOf(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari · iPhone');
    expect(
      deviceOf(
        'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36 Edg/126.0',
      ),
    ).toBe('Edge · Android');
    expect(
      deviceOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0'),
    ).toBe('Firefox · macOS');
    expect(deviceOf('curl/8.5.0')).toBe('curl');
  });

  it('answers null when nothing is known', () => {
    expect(deviceOf(undefined)).toBeNull();
    expect(deviceOf('')).toBeNull();
    expect(deviceOf('something else')).toBeNull();
  });
});
