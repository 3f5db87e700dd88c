// Loads a report.html in headless Chromium and fails when the page throws a script error, logs an error,
// requests anything outside the file itself and data: URIs, or shows an image that did not load.
// It talks to Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe), so no port is opened.
//
// Usage: node check-report.mjs REPORT.html SCREENSHOT.png [--min-images N] [--min-charts N]
// Environment: CHROMIUM names the browser binary (default: chromium).

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const TimeoutMilliseconds = 60_000;

function parseArguments(argv) {
  const [report, screenshot, ...rest] = argv;
  if (!report || !screenshot) {
    console.error("usage: node check-report.mjs REPORT.html SCREENSHOT.png [--min-images N] [--min-charts N]");
    process.exit(2);
  }

  const options = { report: resolve(report), screenshot: resolve(screenshot), minImages: 1, minCharts: 3 };
  for (let index = 0; index < rest.length; index += 2) {
    const value = Number.parseInt(rest[index + 1], 10);
    if (rest[index] === "--min-images") options.minImages = value;
    else if (rest[index] === "--min-charts") options.minCharts = value;
    else {
      console.error(`check-report: unknown option ${rest[index]}`);
      process.exit(2);
    }
  }

  return options;
}

/** A DevTools protocol connection over Chromium's pipe: fd 3 carries commands, fd 4 replies and events. */
class PipeConnection {
  constructor(browser) {
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    this.buffer = "";
    this.input = browser.stdio[3];
    browser.stdio[4].on("data", (chunk) => this.receive(chunk));
  }

  receive(chunk) {
    this.buffer += chunk.toString("utf8");
    let end;
    while ((end = this.buffer.indexOf("\0")) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 1);
      if (message.id !== undefined && this.pending.has(message.id)) {
        const { resolve: done, reject, method } = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) reject(new Error(`${method} failed: ${message.error.message}`));
        else done(message.result);
      } else if (message.method) {
        for (const listener of this.listeners) listener(message);
      }
    }
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((done, reject) => {
      this.pending.set(id, { resolve: done, reject, method });
      this.input.write(JSON.stringify(message) + "\0");
    });
  }

  on(listener) {
    this.listeners.push(listener);
  }
}

async function check(options) {
  const profile = mkdtempSync(join(tmpdir(), "gansharp-chromium-"));
  const browser = spawn(process.env.CHROMIUM || "chromium", [
    "--headless",
    "--remote-debugging-pipe",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    `--user-data-dir=${profile}`,
    "about:blank",
  ], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
  let browserLog = "";
  browser.stderr.on("data", (chunk) => { browserLog += chunk; });
  const exited = new Promise((done) => browser.on("exit", done));
  browser.on("error", (error) => {
    console.error(`check-report: cannot start ${process.env.CHROMIUM || "chromium"}: ${error.message}`);
    process.exit(1);
  });

  const problems = [];
  try {
    const connection = new PipeConnection(browser);
    const pageUrl = pathToFileURL(options.report).href;
    const { targetId } = await connection.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await connection.send("Target.attachToTarget", { targetId, flatten: true });
    const send = (method, params) => connection.send(method, params, sessionId);

    let loaded;
    const loadFired = new Promise((done) => { loaded = done; });
    connection.on((message) => {
      if (message.sessionId !== sessionId) return;
      const params = message.params;
      switch (message.method) {
        case "Page.loadEventFired":
          loaded();
          break;
        case "Runtime.exceptionThrown":
          problems.push(`script error: ${params.exceptionDetails.exception?.description ?? params.exceptionDetails.text}`);
          break;
        case "Runtime.consoleAPICalled":
          if (params.type === "error") problems.push(`console error: ${params.args.map((arg) => arg.value ?? arg.description).join(" ")}`);
          break;
        case "Log.entryAdded":
          if (params.entry.level === "error") problems.push(`browser error: ${params.entry.text} ${params.entry.url ?? ""}`.trim());
          break;
        case "Network.requestWillBeSent":
          if (!params.request.url.startsWith("data:") && params.request.url !== pageUrl) {
            problems.push(`external request: ${params.request.url}`);
          }
          break;
        case "Network.loadingFailed":
          problems.push(`failed load: ${params.errorText} (${params.type})`);
          break;
      }
    });

    await send("Page.enable");
    await send("Runtime.enable");
    await send("Log.enable");
    await send("Network.enable");
    await send("Emulation.setDeviceMetricsOverride", { width: 1200, height: 900, deviceScaleFactor: 1, mobile: false });
    await send("Page.navigate", { url: pageUrl });
    await loadFired;

    const { result } = await send("Runtime.evaluate", {
      returnByValue: true,
      expression: `({
        images: [...document.images].map((image) => ({ alt: image.alt, complete: image.complete, width: image.naturalWidth })),
        charts: document.querySelectorAll("svg").length,
        scripts: document.scripts.length,
        title: document.title,
      })`,
    });
    const page = result.value;
    for (const image of page.images) {
      if (!image.complete || image.width === 0) problems.push(`image did not load: ${image.alt}`);
    }

    if (page.images.length < options.minImages) problems.push(`expected at least ${options.minImages} images, found ${page.images.length}`);
    if (page.charts < options.minCharts) problems.push(`expected at least ${options.minCharts} SVG charts, found ${page.charts}`);
    if (page.scripts > 0) problems.push(`the page has ${page.scripts} script elements, but a report needs none`);

    const metrics = await send("Page.getLayoutMetrics");
    const { width, height } = metrics.cssContentSize;
    const shot = await send("Page.captureScreenshot", {
      format: "png",
      captureBeyondViewport: true,
      clip: { x: 0, y: 0, width, height: Math.min(height, 16_000), scale: 1 },
    });
    writeFileSync(options.screenshot, Buffer.from(shot.data, "base64"));
    console.log(`check-report: ${page.title}: ${page.images.length} images, ${page.charts} charts, ${Math.round(height)} px tall; screenshot ${options.screenshot}`);
    await connection.send("Browser.close").catch(() => {});
  } catch (error) {
    problems.push(`${error.message}\n${browserLog}`);
    browser.kill();
  }

  await exited;
  rmSync(profile, { recursive: true, force: true });
  return problems;
}

const options = parseArguments(process.argv.slice(2));
const timer = setTimeout(() => {
  console.error(`check-report: timed out after ${TimeoutMilliseconds / 1000} s on ${options.report}`);
  process.exit(1);
}, TimeoutMilliseconds);
const problems = await check(options);
clearTimeout(timer);
for (const problem of problems) console.error(`check-report: ${problem}`);
process.exit(problems.length === 0 ? 0 : 1);
