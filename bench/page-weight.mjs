// Page weight and time to first render of a page on a throttled phone profile, in Debian's
// Chromium driven by playwright-core: a 390×844 phone, CPU slowed 4×, and the "Slow 4G"
// network of Lighthouse's mobile profile (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up).
// Cold cache each run. Prints bytes transferred (as the network sent them, compressed), the
// request count, first contentful paint and the time until the page says it is ready.
//
// Usage: node bench/page-weight.mjs URL [runs] [readyExpression]
import { chromium } from 'playwright-core';

const [url, runsText = '3', ready = 'true'] = process.argv.slice(2);
const runs = Number(runsText);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const results = [];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3,
    isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150,
    downloadThroughput: 1.6 * 1024 * 1024 / 8, uploadThroughput: 750 * 1024 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (event) => { bytes += event.encodedDataLength; requests += 1; });
  const start = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(ready, null, { timeout: 60000 });
  const readyMs = Date.now() - start;
  const fcp = await page.evaluate(() => {
    const entry = performance.getEntriesByName('first-contentful-paint')[0];
    return entry ? Math.round(entry.startTime) : null;
  });
  results.push({ bytes, requests, fcp, readyMs });
  await context.close();
}
await browser.close();
const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
console.log(`${url}: ${(median('bytes') / 1024).toFixed(0)} KiB in ${median('requests')} requests; ` +
  `first contentful paint ${median('fcp')} ms; ready ${median('readyMs')} ms (median of ${runs}, Slow 4G, CPU 4x)`);
