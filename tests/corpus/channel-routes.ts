/** The bad-input corpus's recipe for the channel configuration route (the webhook's signed payloads are exempt: by-design.ts). */
import type { Recipe } from './body-routes';

export function channelRouteRecipes(regionId: string, limitBytes: number): Record<string, Recipe> {
  return {
    'PUT /api/channels/{id}': {
      url: '/api/channels/corpus-channel',
      writes: ['channels'],
      valid: {
        id: 'corpus-channel',
        kind: 'whatsapp',
        name: 'Ottoline’s WhatsApp desk',
        regionId,
        accountId: '114896151713920',
        secrets: { appSecret: 'corpus-app-secret', accessToken: 'corpus-access-token', verifyToken: 'corpus-verify-token' },
      },
      required: ['kind'],
      text: [{ path: ['name'], lines: 'single' }],
      emails: [],
      strict: ['id'],
      nested: ['secrets'],
      numbers: [],
      limitBytes,
    },
  };
}
