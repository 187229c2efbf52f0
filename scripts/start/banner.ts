/** What the banner says about the bootstrap admin API key: where it is, never the key itself. */
export interface AdminKeyNote {
  file: string;
  /** Created (and saved to `file`) by this start. */
  created: boolean;
  /** `file` exists (this or an earlier start wrote it). */
  fileExists: boolean;
}

/** Everything the banner shows. */
export interface BannerInfo {
  apiUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl?: string;
  databaseUri: string;
  smtpPort: number;
  /** Where the inbound SMTP listener takes customer mail (absent: not started). */
  emailIn?: { host: string; port: number };
  adminKey: AdminKeyNote;
  started: string[];
}

/** What `npm start` prints once everything runs: where each piece listens, where the admin key is, a first request. */
export function banner(info: BannerInfo): string {
  const body = JSON.stringify({
    channel: 'web',
    subject: 'My payment failed twice',
    description: 'I tried to pay for my order and it failed twice. Please help.',
    customer: { name: 'Dana Demo', email: 'dana@example.com', regionId: 'demo-fast' },
  });
  const database = withoutPassword(info.databaseUri);
  return [
    '',
    '  Meridian is running.',
    `    API           ${info.apiUrl}   (OpenAPI: ${info.apiUrl}/openapi.json, health: ${info.apiUrl}/readyz)`,
    `    Temporal      ${info.temporalAddress}   (gRPC, namespace "${info.temporalNamespace}": temporal workflow list --address ${info.temporalAddress})`,
    info.temporalUiUrl ? `    Temporal UI   ${info.temporalUiUrl}   (every ticket is a workflow "ticket-<id>")` : '',
    `    Database      ${database}   (shell: mongosh "${database}")`,
    `    Mail catcher  smtp://127.0.0.1:${info.smtpPort}   (caught mails are listed below as they arrive)`,
    ...(info.emailIn ? [`    E-mail in     smtp://${info.emailIn.host}:${info.emailIn.port}   (customer mail opens and continues tickets)`] : []),
    `    Embedded      ${info.started.join(', ') || 'nothing (using TEMPORAL_ADDRESS / MONGODB_URI)'}`,
    `\n  ${adminKeyLine(info.adminKey)}\n`,
    '  Try it: open a ticket in the "demo-fast" region (minute-scale SLA: breach and the whole escalation ladder in ~2 min):',
    `    curl -s -X POST ${info.apiUrl}/api/tickets -H 'Content-Type: application/json' -H "Idempotency-Key: $(date +%s)" \\`,
    `      -d '${body}'`,
    `  Then: curl -s ${info.apiUrl}/api/track/<queryCode>   and, with the admin key, curl -s -H "Authorization: Bearer $ADMIN_KEY" ${info.apiUrl}/api/tickets/<id>`,
    '',
    '  Ctrl-C stops everything; tickets and configuration are kept for the next start.',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function adminKeyLine({ file, created, fileExists }: AdminKeyNote): string {
  if (created) return `Admin API key: created and saved to ${file} (readable by you only): export ADMIN_KEY=$(cat ${file})`;
  if (fileExists) return `Admin API key: in ${file} (saved on the first start): export ADMIN_KEY=$(cat ${file})`;
  return `Admin API key: created on an earlier start and its file ${file} is gone; create more keys with POST /api/api-keys`;
}

/** The URI with any password masked: the banner ends up in terminals and logs. */
function withoutPassword(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:@/]+):[^@/]*@/, '$1:****@');
}
