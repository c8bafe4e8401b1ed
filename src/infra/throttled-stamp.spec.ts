import { ThrottledStamp } from './throttled-stamp.js';

describe('ThrottledStamp', () => {
  it('reads at most once per ttl, and concurrent callers share one read', async () => {
    let clock = 0;
    let reads = 0;
    const stamp = new ThrottledStamp(async () => `v${++reads}`, 5_000, () => clock);
    expect(await Promise.all([stamp.get(), stamp.get()])).toEqual(['v1', 'v1']);
    clock = 4_999;
    expect(await stamp.get()).toBe('v1');
    clock = 5_000;
    expect(await stamp.get()).toBe('v2');
    expect(reads).toBe(2);
  });
});
