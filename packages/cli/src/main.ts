import { runCli } from './cli';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const tty = Boolean(process.stdout.isTTY);
runCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  status: (text) => {
    if (tty) process.stdout.write(`\r\x1b[2K${text}`);
  },
  redraw: (text) => process.stdout.write(tty ? `\x1b[H\x1b[2J${text}\n` : `${text}\n`),
  readStdin,
  tty,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`newsflow: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
