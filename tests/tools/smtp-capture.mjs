// A real SMTP server for the mail tests (npm package smtp-server): listens on 127.0.0.1 at a free port, accepts
// only the login given, and writes every message it receives, byte for byte, to <folder>/<n>.eml.
// Usage: node smtp-capture.mjs <folder> <user> <password>
// Prints {"port": N} on its first line once listening; ends on SIGTERM or when standard input closes.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const [folder, user, password] = process.argv.slice(2);
let count = 0;
const server = new SMTPServer({
  name: 'cxw-test-smtp',
  secure: false,
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  authMethods: ['PLAIN', 'LOGIN'],
  size: 50 * 1024 * 1024,
  logger: false,
  onAuth(auth, session, callback) {
    if (auth.username === user && auth.password === password) {
      return callback(null, { user: auth.username });
    }
    const error = new Error('5.7.8 Authentication credentials invalid');
    error.responseCode = 535;
    return callback(error);
  },
  onData(stream, session, callback) {
    count += 1;
    const file = join(folder, `${count}.eml`);
    const out = createWriteStream(file);
    stream.pipe(out);
    out.on('finish', () => {
      if (stream.sizeExceeded) {
        const error = new Error('5.3.4 Message too big');
        error.responseCode = 552;
        return callback(error);
      }
      process.stderr.write(`received ${file}\n`);
      return callback(null, `2.0.0 Ok: queued as test-${count}`);
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.server.address().port }) + '\n');
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
