import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface AppProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
  demoAccounts(): { email: string; password: string; role: string; organization: string }[];
}

/** Runs `node server/main.ts` (the built app) and waits until it says it is running. */
export async function startAppProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<AppProcess> {
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in time:\n${output}`)), timeoutMs);
    const check = () => {
      const match = /Balint Hub is running at (\S+)/.exec(output);
      if (match && /running at \S+\n(\n|.*Demo sign-ins[\s\S]*\n\n)/.test(output)) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`app exited (${code}) during start:\n${output}`));
    });
  });
  return {
    child,
    url,
    output: () => output,
    exited,
    demoAccounts() {
      return [...output.matchAll(/^\s+(\S+@\S+)\s+(\S+)\s+(\S+) of (\S+)\s*$/gm)].map((m) => ({ email: m[1]!, password: m[2]!, role: m[3]!, organization: m[4]! }));
    },
  };
}

/** Runs the app expecting it to fail at start; resolves with its exit code and output. */
export async function failingStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'production', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, output };
}

/** Submits the sign-up form as a browser without JavaScript would. */
export async function signUp(url: string, email: string): Promise<boolean> {
  const response = await fetch(`${url}/o/abs/sign-up`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ name: 'Durable Person', email, password: 'durable-password-1' }),
  });
  return response.status === 302 && (response.headers.get('location') ?? '').endsWith('/check-email');
}
