/** The part of email-reply-parser (2.1, CommonJS, no bundled types) that reply-text.ts uses. */
declare module 'email-reply-parser' {
  interface Fragment {
    isHidden(): boolean;
    isQuoted(): boolean;
    isSignature(): boolean;
    getContent(): string;
  }
  interface ParsedEmail {
    getFragments(): Fragment[];
    getVisibleText(): string;
  }
  class EmailReplyParser {
    read(text: string): ParsedEmail;
    parseReply(text: string): string;
  }
  export = EmailReplyParser;
}
