/** What `npm start` prints once everything runs: where to look and a first request to try. */
export function banner(info: { apiUrl: string; temporalUiUrl?: string; smtpPort: number; adminKey: string | null; started: string[] }): string {
  const body = JSON.stringify({
    channel: 'web',
    subject: 'My payment failed twice',
    description: 'I tried to pay for my order and it failed twice. Please help.',
    customer: { name: 'Dana Demo', email: 'dana@example.com', regionId: 'demo-fast' },
  });
  return [
    '',
    '  Meridian is running.',
    `    API           ${info.apiUrl}   (OpenAPI: ${info.apiUrl}/openapi.json, health: ${info.apiUrl}/readyz)`,
    info.temporalUiUrl ? `    Temporal UI   ${info.temporalUiUrl}   (every ticket is a workflow "ticket-<id>")` : '',
    `    Mail catcher  smtp://127.0.0.1:${info.smtpPort}   (caught mails are listed below as they arrive)`,
    `    Embedded      ${info.started.join(', ') || 'nothing (using TEMPORAL_ADDRESS / MONGODB_URI)'}`,
    info.adminKey
      ? `\n  Admin API key (shown once, store it now):\n    ${info.adminKey}\n`
      : '\n  Admin API key: printed on the first start (create more with POST /api/api-keys).\n',
    '  Try it: open a ticket in the "demo-fast" region (minute-scale SLA: breach and the whole escalation ladder in ~2 min):',
    `    curl -s -X POST ${info.apiUrl}/api/tickets -H 'Content-Type: application/json' -H "Idempotency-Key: $(date +%s)" \\`,
    `      -d '${body}'`,
    `  Then: curl -s ${info.apiUrl}/api/track/<queryCode>   and, with the admin key, curl -s -H "Authorization: Bearer <key>" ${info.apiUrl}/api/tickets/<id>`,
    '',
    '  Ctrl-C stops everything; tickets and configuration are kept for the next start.',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
