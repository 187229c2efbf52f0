/** Shared OpenAPI components: the API-key and metrics-token schemes and the problem document every error uses. */
export function problemComponents(): Record<string, unknown> {
  return {
    securitySchemes: {
      apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'mrd_…', description: 'An API key: "Authorization: Bearer mrd_…".' },
      metricsToken: { type: 'http', scheme: 'bearer', description: 'The METRICS_TOKEN from the configuration: "Authorization: Bearer <METRICS_TOKEN>".' },
      visitorToken: { type: 'http', scheme: 'bearer', description: 'A web chat visitor’s token, from POST /api/webchat/{channelId}/sessions: "Authorization: Bearer v_…".' },
    },
    schemas: {
      JsonValue: {
        description: 'Any JSON value in which no object has a member named "__proto__" (the body parser refuses one anywhere in a body).',
        propertyNames: { not: { const: '__proto__' } },
        additionalProperties: { $ref: '#/components/schemas/JsonValue' },
        items: { $ref: '#/components/schemas/JsonValue' },
      },
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details.',
        required: ['type', 'title', 'status', 'code', 'detail'],
        properties: {
          type: { type: 'string', format: 'uri' },
          title: { type: 'string' },
          status: { type: 'integer' },
          code: { type: 'string', description: 'Stable error code, e.g. VALIDATION_FAILED.' },
          detail: { type: 'string' },
          instance: { type: 'string' },
          requestId: { type: 'string' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['pointer', 'message'],
              properties: { pointer: { type: 'string', description: 'JSON pointer, e.g. /body/members/0/email.' }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  };
}
