/** Child process: runs autocannon for one job sent by http-load.ts and sends back one result. */
import autocannon from 'autocannon';
import type { HttpJob, HttpResult } from './http-load.js';
import { summarise } from './stats.js';

function run(job: HttpJob, durationSec: number, record: boolean): Promise<HttpResult> {
  let next = 0;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let reqErrors = 0;
  let finish: (err: Error | null, res: autocannon.Result) => void = () => {};
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (err, res) => (err ? reject(err) : resolve(res));
  });
  const options: autocannon.Options = {
    url: job.baseUrl,
    connections: job.connections,
    duration: durationSec,
    timeout: job.timeoutSec,
    requests: [
      {
        method: 'GET',
        // Each request takes the next path from the list, so ids, offsets and terms vary.
        setupRequest: (req) => ({ ...req, path: job.paths[next++ % job.paths.length]! }),
      },
    ],
  };
  const instance = autocannon(options, (err: Error | null, res) => finish(err, res));
  const startedAt = performance.now();
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (!record) return;
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  instance.on('reqError', () => {
    reqErrors += 1;
  });
  return finished.then((res) => {
    const elapsed = (performance.now() - startedAt) / 1000;
    const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0);
    return {
      requestsPerSec: responses / elapsed,
      responses,
      latency: summarise(latencies),
      non2xx: res.non2xx,
      errors: Math.max(res.errors, reqErrors),
      timeouts: res.timeouts,
      unanswered: Math.max(0, res.requests.sent - responses - Math.max(res.errors, reqErrors)),
      statusCodes,
      durationSec: elapsed,
      generatorCpuSec: (() => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1e6;
      })(),
    };
  });
}

async function handle(job: HttpJob): Promise<void> {
  try {
    if (job.warmupSec > 0) await run(job, job.warmupSec, false);
    const result = await run(job, job.durationSec, true);
    process.send!({ ok: true, result }, () => process.exit(0));
  } catch (err) {
    process.send!({ ok: false, error: (err as Error).message }, () => process.exit(1));
  }
}

process.once('message', (job: HttpJob) => void handle(job));
process.once('SIGTERM', () => process.exit(143));
// The bench went away (Ctrl-C, crash): stop loading its server.
process.once('disconnect', () => process.exit(0));
