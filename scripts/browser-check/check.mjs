// Opens each notebook in a running Jupyter Notebook (classic, 6.x) with Debian's chromium, driven
// headless by playwright-core (no browser download), runs all cells and checks what a student sees:
//   - no error output and nothing on stderr,
//   - every image output (PNG or SVG) is drawn (decoded, non-empty),
//   - all LaTeX rendered by MathJax (no MathJax error, no "$" left in rendered Markdown),
//   - the kernel stayed alive (no kernel_dead / restarting / disconnected event),
//   - no output line wraps and no code line needs horizontal scrolling at the window's width.
// A screenshot of each whole notebook goes to OUT/NAME.png.
//
// Usage: node check.mjs URL TOKEN OUT NOTEBOOK.ipynb...   (the run script next to this file sets it up)
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [base, token, outDir, ...notebooks] = process.argv.slice(2);
if (!base || !token || !outDir || notebooks.length === 0) {
  console.error('usage: node check.mjs URL TOKEN OUT NOTEBOOK.ipynb...');
  process.exit(2);
}
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const cellTimeoutMs = Number(process.env.NOTEBOOK_TIMEOUT_S || 900) * 1000;
const width = 1280;
fs.mkdirSync(outDir, { recursive: true });

// a fresh profile every run; the flags keep chromium off the network and quiet
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width, height: 900 },
});

let passed = 0, failed = 0;
try {
  for (const nb of notebooks) {
    const name = path.basename(nb, '.ipynb');
    const started = Date.now();
    const problems = await checkNotebook(nb, name);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (problems.length === 0) {
      passed++;
      console.log(`ok    ${name} (${seconds} s), screenshot ${path.join(outDir, name + '.png')}`);
    } else {
      failed++;
      console.log(`FAIL  ${name} (${seconds} s), screenshot ${path.join(outDir, name + '.png')}`);
      for (const p of problems) console.log(`      - ${p}`);
    }
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

async function checkNotebook(nb, name) {
  const problems = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`JavaScript error in the page: ${e.message}`));
  try {
    await page.goto(`${base}/notebooks/${encodeURIComponent(path.basename(nb))}?token=${token}`);
    // the notebook loaded and its kernel started
    await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded
      && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected(), null, { timeout: 120_000 });
    await page.evaluate(() => {
      window.__kernelEvents = [];
      for (const e of ['kernel_dead.Kernel', 'kernel_restarting.Kernel', 'kernel_disconnected.Kernel',
        'kernel_connection_failed.Kernel']) {
        Jupyter.notebook.events.on(e, () => window.__kernelEvents.push(e));
      }
      Jupyter.notebook.clear_all_output();
      Jupyter.notebook.execute_all_cells();
    });
    // done when no code cell waits or runs ("In [*]"), or when the kernel died
    await page.waitForFunction(() => window.__kernelEvents.length > 0 || Jupyter.notebook.get_cells()
      .filter((c) => c.cell_type === 'code' && c.get_text().trim() !== '')
      .every((c) => typeof c.input_prompt_number === 'number'), null, { timeout: cellTimeoutMs, polling: 500 });
    // MathJax typesets asynchronously: wait for its queue to drain
    await page.evaluate(() => new Promise((done) => {
      if (window.MathJax && MathJax.Hub) MathJax.Hub.Queue(() => done()); else done();
    }));
    await page.waitForTimeout(500); // images decode
    problems.push(...await page.evaluate(inspect));
    // the whole notebook in one picture: let the page grow instead of the #site scroll area
    await page.addStyleTag({ content: '#site { height: auto !important; overflow: visible !important; }'
        + ' body, html { height: auto !important; overflow: visible !important; position: static !important; }'
        + ' #header { position: static !important; }' });
    await page.screenshot({ path: path.join(outDir, name + '.png'), fullPage: true });
    // leave without the "unsaved changes" prompt and stop the kernel
    await page.evaluate(() => { Jupyter.notebook.set_dirty(false); return Jupyter.notebook.session.delete(); })
      .catch(() => {});
  } catch (e) {
    problems.push(`${e.name}: ${e.message.split('\n')[0]}`);
    await page.screenshot({ path: path.join(outDir, name + '.png'), fullPage: true }).catch(() => {});
  } finally {
    await page.close();
  }
  return problems;
}

// Runs in the page: every problem a reader would see, as text.
function inspect() {
  const out = [];
  if (window.__kernelEvents.length > 0) out.push(`kernel events: ${window.__kernelEvents.join(', ')}`);
  if (Jupyter.notebook.kernel && !Jupyter.notebook.kernel.is_connected()) out.push('the kernel is not connected');
  const cells = Jupyter.notebook.get_cells();
  let images = 0;
  cells.forEach((cell, index) => {
    const where = `cell ${index + 1}` + (cell.cell_type === 'code' ? ` (In [${cell.input_prompt_number}])` : '');
    if (cell.cell_type === 'code') {
      for (const o of cell.output_area.outputs) {
        if (o.output_type === 'error') out.push(`${where}: error output ${o.ename}: ${o.evalue}`);
        if (o.output_type === 'stream' && o.name === 'stderr') out.push(`${where}: stderr: ${String(o.text).trim().slice(0, 200)}`);
      }
      const expected = cell.output_area.outputs.filter((o) => o.data
        && (o.data['image/png'] || o.data['image/svg+xml'])).length;
      const el = cell.element[0];
      const drawn = [...el.querySelectorAll('.output_png img, .output_svg img, .output_svg svg, .output_subarea > img')];
      const ok = drawn.filter((i) => i.tagName.toLowerCase() === 'img'
        ? i.complete && i.naturalWidth > 0 && i.naturalHeight > 0
        : i.getBoundingClientRect().width > 0 && i.getBoundingClientRect().height > 0);
      images += ok.length;
      if (ok.length < expected) out.push(`${where}: ${expected} image output(s), ${ok.length} drawn`);
      // output lines that wrap: a text line wider than its area
      for (const pre of el.querySelectorAll('.output_text pre')) {
        const style = getComputedStyle(pre);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = `${style.fontSize} ${style.fontFamily}`;
        for (const line of pre.textContent.split('\n')) {
          const w = ctx.measureText(line).width;
          if (w > pre.clientWidth + 1) {
            out.push(`${where}: an output line of ${Math.round(w)} px wraps in ${pre.clientWidth} px: "${line.slice(0, 60)}…"`);
            break;
          }
        }
      }
      const scroller = el.querySelector('.CodeMirror-scroll');
      if (scroller && scroller.scrollWidth > scroller.clientWidth + 1) {
        out.push(`${where}: a code line needs horizontal scrolling (${scroller.scrollWidth} px in ${scroller.clientWidth} px)`);
      }
    } else if (cell.cell_type === 'markdown') {
      const rendered = cell.element[0].querySelector('.text_cell_render');
      if (!rendered) return;
      if (rendered.querySelector('.MathJax_Error, .merror, mjx-merror')) out.push(`${where}: a MathJax error`);
      const source = cell.get_text();
      const math = (source.match(/\$/g) || []).length;
      const typeset = rendered.querySelectorAll('.MathJax, .MathJax_Display, .MathJax_SVG, mjx-container').length;
      const text = rendered.innerText;
      if (math > 0 && (typeset === 0 || /\$[^$\s][^$]*\$/.test(text))) {
        out.push(`${where}: LaTeX not rendered: "${(text.match(/\$[^$]*\$/) || [text])[0].slice(0, 80)}"`);
      }
    }
  });
  const expectedImages = cells.reduce((n, c) => n + (c.cell_type === 'code' ? c.output_area.outputs
    .filter((o) => o.data && (o.data['image/png'] || o.data['image/svg+xml'])).length : 0), 0);
  if (images !== expectedImages) out.push(`${expectedImages} image outputs, ${images} drawn`);
  return out;
}
