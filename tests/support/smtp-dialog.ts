/** SMTP spoken by hand, for what a mail library hides: the greeting, the EHLO keywords, a refusal at MAIL FROM. */
import net from 'node:net';

/** Opens a raw SMTP connection and resolves with the server's first line (the greeting, or a refusal). */
export function greeting(port: number): Promise<{ socket: net.Socket; line: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('data', (data: Buffer) => resolve({ socket, line: data.toString('utf8').split('\r\n')[0] ?? '' }));
  });
}

/** Speaks SMTP by hand: the greeting, then one (possibly multi-line) reply per command. */
export async function dialog(port: number, commands: string[]): Promise<string[]> {
  const { socket, line } = await greeting(port);
  const replies = [line];
  let buffer = '';
  for (const command of commands) {
    socket.write(`${command}\r\n`);
    replies.push(
      await new Promise<string>((resolve) => {
        const onData = (data: Buffer) => {
          buffer += data.toString('utf8');
          const complete = /(^|\r\n)\d{3} [^\r\n]*\r\n$/.exec(buffer); // the last line of a reply has a space after the code
          if (!complete) return;
          socket.off('data', onData);
          resolve(buffer);
          buffer = '';
        };
        socket.on('data', onData);
      }),
    );
  }
  socket.destroy();
  return replies;
}
