import net from 'node:net';

const PROTOCOL_3_0 = 196_608;
const AUTHENTICATION_OK = 0;

/** Where and as whom to knock: the Unix socket file (`<dir>/.s.PGSQL.<port>`), a role and a database. */
export interface PostgresEndpoint {
  socketPath: string;
  user: string;
  database: string;
}

/**
 * True when PostgreSQL lets `user` into `database` right now. Its socket accepts connections while the server is
 * still starting (it answers "the database system is starting up"), so readiness is a real protocol start-up:
 * the server must answer AuthenticationOk (the cluster uses trust on its private socket), then it is told goodbye.
 */
export function postgresAcceptsSessions({ socketPath, user, database }: PostgresEndpoint, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ path: socketPath });
    const done = (ready: boolean) => {
      if (ready) socket.end(terminateMessage());
      else socket.destroy();
      resolve(ready);
    };
    let reply = Buffer.alloc(0);
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write(startupMessage(user, database)));
    socket.on('data', (chunk: Buffer) => {
      reply = Buffer.concat([reply, chunk]);
      if (reply.length < 9) return; // type byte, length, and the authentication code or the start of an error
      done(reply[0] === 0x52 /* 'R' */ && reply.readInt32BE(5) === AUTHENTICATION_OK);
    });
  });
}

function startupMessage(user: string, database: string): Buffer {
  const params = Buffer.from(`user\0${user}\0database\0${database}\0\0`, 'utf8');
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + params.length, 0);
  head.writeInt32BE(PROTOCOL_3_0, 4);
  return Buffer.concat([head, params]);
}

function terminateMessage(): Buffer {
  const message = Buffer.alloc(5);
  message.write('X', 0);
  message.writeInt32BE(4, 1);
  return message;
}
