/** The part of hoodiecrow-imap (an in-memory IMAP4rev1 server for tests, no bundled types) the IMAP tests use. */
declare module 'hoodiecrow-imap' {
  interface StoredMessage {
    raw: string;
    flags: string[];
    uid: number;
  }
  interface Mailbox {
    messages: StoredMessage[];
  }
  interface HoodiecrowServer {
    listen(port: number, host: string, callback: () => void): void;
    close(callback: () => void): void;
    server: import('node:net').Server;
    getMailbox(path: string): Mailbox;
    appendMessage(mailbox: string, flags: string[], internaldate: Date | false, raw: string): { message: StoredMessage };
  }
  interface HoodiecrowOptions {
    plugins?: string[];
    storage?: Record<string, { messages?: Array<{ raw: string; flags?: string[] }> }>;
    users?: Record<string, { password: string }>;
  }
  function hoodiecrow(options?: HoodiecrowOptions): HoodiecrowServer;
  export = hoodiecrow;
}
